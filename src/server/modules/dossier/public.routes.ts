import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { DomainError } from '../../../domain/errors.ts';
import type { TimeLimit } from '../../../domain/procedure/procedure.ts';
import { errorResponses } from '../../http/schemas.ts';
import { findProcedure } from '../catalog/procedure.repository.ts';
import { PublicDossierSchema } from './dossier.schemas.ts';
import { checkPublicAccess } from './public-lookup.ts';

export const publicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/dossiers/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'Tra cứu hồ sơ (mã hồ sơ + 4 số cuối điện thoại)',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ phone: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
        response: { 200: PublicDossierSchema, ...errorResponses },
      },
    },
    async (request, reply) => checkPublicAccess(app, request, reply, request.params.code, request.query.phone ?? ''),
  );

  app.get(
    '/due-date',
    {
      schema: {
        tags: ['public'],
        summary: 'Nếu nộp vào thời điểm này thì ngày hẹn trả kết quả là …',
        querystring: Type.Object(
          {
            at: Type.Optional(Type.String({ format: 'date-time' })),
            workingDays: Type.Optional(Type.Number({ minimum: 0.5, maximum: 365, multipleOf: 0.5 })),
            procedure: Type.Optional(Type.String({ maxLength: 20 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            at: Type.String(),
            startAt: Type.String(),
            dueAt: Type.String(),
            timeLimit: Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), unit: Type.String() }),
            procedure: Type.Optional(Type.Object({ code: Type.String(), name: Type.String() })),
            explanation: Type.Object({
              start: Type.String(),
              skipped: Type.Array(Type.Object({ date: Type.String(), reason: Type.String() })),
              text: Type.String(),
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      if ((q.workingDays === undefined) === (q.procedure === undefined)) {
        throw new DomainError('VALIDATION_ERROR', 'Cần đúng một trong hai: số ngày làm việc (workingDays) hoặc mã thủ tục (procedure).', {
          field: q.workingDays === undefined ? 'workingDays' : 'procedure',
        });
      }
      let limit: TimeLimit;
      let procedure: { code: string; name: string } | undefined;
      if (q.procedure !== undefined) {
        const p = await findProcedure(db.kysely, q.procedure);
        if (!p) throw new DomainError('NOT_FOUND', `Không có thủ tục mã ${q.procedure}.`);
        limit = p.timeLimit;
        procedure = { code: p.code, name: p.name };
      } else {
        limit = { value: q.workingDays ?? 0, unit: 'working_days' };
      }
      const at = q.at ? new Date(q.at) : app.deps.clock.now();
      const calendar = await app.calendars.current();
      const due = calendar.dueDate(at, limit);
      return {
        at: at.toISOString(),
        startAt: due.startAt,
        dueAt: due.dueAt,
        timeLimit: limit,
        ...(procedure ? { procedure } : {}),
        explanation: due.explanation,
      };
    },
  );
};
