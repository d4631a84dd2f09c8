import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/schemas.ts';
import { getProcedure, listProcedures } from './procedure.repository.ts';

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
};
