import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { COMPONENT_KINDS, ROLES, STAGES, TIME_UNITS } from '../../../domain/procedure/procedure.ts';
import { requireActor } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import { getProcedure, listProcedures } from './procedure.repository.ts';
import { updateProcedure } from './update-procedure.ts';

// Unsafe<T> keeps the JSON schema and gives Static the literal union (a mapped Union would type as never).
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
// Null first: with coerceTypes a string-first union would turn null into "".
const NullableText = (maxLength: number) => Type.Union([Type.Null(), Type.String({ maxLength })]);

/** What an admin may edit in a procedure (PUT replaces all of it; components keep their id). */
export const ProcedureEditSchema = Type.Object(
  {
    name: Type.String({ minLength: 3, maxLength: 500 }),
    timeLimit: Type.Object(
      { value: Type.Union([Type.Null(), Type.Number({ minimum: 0.5, maximum: 365, multipleOf: 0.5 })]), unit: literals(TIME_UNITS) },
      { additionalProperties: false },
    ),
    timeLimitNote: NullableText(1000),
    fees: Type.Array(
      Type.Object(
        { name: Type.String({ minLength: 1, maxLength: 300 }), amount: Type.Union([Type.Null(), Type.Integer({ minimum: 0, maximum: 1e9 })]), note: NullableText(1000) },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    legalBasis: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50 }),
    result: Type.String({ minLength: 1, maxLength: 500 }),
    isActive: Type.Optional(Type.Boolean()),
    components: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
          name: Type.String({ minLength: 2, maxLength: 1000 }),
          kind: literals(COMPONENT_KINDS),
          count: Type.Integer({ minimum: 1, maximum: 20 }),
          isMandatory: Type.Boolean(),
          condition: NullableText(1000),
          form: NullableText(300),
        },
        { additionalProperties: false },
      ),
      { maxItems: 60 },
    ),
    steps: Type.Array(
      Type.Object(
        { stage: literals(STAGES), role: literals(ROLES), name: Type.String({ minLength: 2, maxLength: 300 }), hours: Type.Number({ minimum: 0, maximum: 2000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
  },
  { additionalProperties: false },
);

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request, ['admin']) };

const TimeLimitSchema = Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), unit: Type.String() });

const ProcedureSummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  field: Type.String(),
  timeLimit: TimeLimitSchema,
  divisionCode: Type.String(),
});

const ProcedureSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  field: Type.String(),
  level: Type.String(),
  implementingBody: Type.String(),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  nationalDecision: Type.Union([Type.String(), Type.Null()]),
  timeLimit: TimeLimitSchema,
  timeLimitNote: Type.Union([Type.String(), Type.Null()]),
  fees: Type.Array(
    Type.Object({ name: Type.String(), amount: Type.Union([Type.Number(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]) }),
  ),
  legalBasis: Type.Array(Type.String()),
  result: Type.String(),
  channels: Type.Array(Type.String()),
  components: Type.Array(
    Type.Object({
      id: Type.Integer(),
      position: Type.Integer(),
      name: Type.String(),
      kind: Type.String(),
      count: Type.Integer(),
      isMandatory: Type.Boolean(),
      condition: Type.Union([Type.String(), Type.Null()]),
      form: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  steps: Type.Array(Type.Object({ position: Type.Integer(), stage: Type.String(), role: Type.String(), name: Type.String(), hours: Type.Number() })),
  stepsOrigin: Type.String(),
  stepsNote: Type.Union([Type.String(), Type.Null()]),
  dataQuality: Type.String(),
  sources: Type.Array(Type.String()),
});

/** The procedure catalog is public guidance (không gây phiền hà): no login needed to read it. */
export const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/procedures',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Tìm thủ tục (không phân biệt hoa thường và dấu)',
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(ProcedureSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listProcedures(db.kysely, request.query.q, request.query.limit ?? 50) }),
  );

  app.get(
    '/procedures/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Chi tiết thủ tục: thành phần, phí, thời hạn, căn cứ',
        params: Type.Object({ code: Type.String({ pattern: '^[0-9.]{1,20}$' }) }),
        response: { 200: ProcedureSchema, ...errorResponses },
      },
    },
    async (request) => getProcedure(db.kysely, request.params.code),
  );

  app.put(
    '/admin/procedures/:code',
    {
      ...signedIn,
      schema: {
        tags: ['catalog'],
        summary: 'Sửa thủ tục: thành phần, phí, thời hạn, quy trình nội bộ (quản trị; có ghi nhật ký)',
        params: Type.Object({ code: Type.String({ pattern: '^[0-9.]{1,20}$' }) }),
        body: ProcedureEditSchema,
        response: { 200: ProcedureSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      const now = app.deps.clock.now();
      return db.kysely.transaction().execute((trx) => updateProcedure(trx, actor, request.params.code, request.body, now));
    },
  );
};
