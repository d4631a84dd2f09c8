import { timingSafeEqual } from 'node:crypto';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import type { TimeLimit } from '../../../domain/procedure/procedure.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { errorResponses } from '../../http/schemas.ts';
import { findProcedure } from '../catalog/procedure.repository.ts';
import { presentPublicDossier } from './dossier.presenter.ts';
import { PublicDossierSchema } from './dossier.schemas.ts';
import { findPendingSupplement, findPublicDossierAndDecoy, listPublicSteps } from './dossier.repository.ts';
import { DEFAULT_SECURITY } from '../../config.ts';
import { hitThrottle } from '../auth/throttle.ts';

export const NOT_FOUND_MESSAGE = 'Không tìm thấy hồ sơ với mã và số điện thoại đã nhập.';

/** Constant-time comparison of two 4-digit strings; anything else (any length, any script) never matches. */
function sameDigits(a: string, b: string): boolean {
  const okA = /^\d{4}$/.test(a);
  const okB = /^\d{4}$/.test(b);
  // Fixed 4-byte ASCII buffers whatever was typed: timingSafeEqual needs equal lengths.
  const x = Buffer.from(okA ? a : '----', 'latin1');
  const y = Buffer.from(okB ? b : '....', 'latin1');
  return timingSafeEqual(x, y) && okA && okB;
}

export type PublicDossier = ReturnType<typeof presentPublicDossier>;

/**
 * The citizen lookup (API and the /tra-cuu page): an unknown code, a missing and a wrong second factor all
 * answer the same NOT_FOUND, after the same work.
 */
export async function lookupPublicDossier(db: Kysely<Database>, code: string, phoneLast4: string): Promise<PublicDossier> {
  // An unknown code, a missing and a wrong second factor all answer the same 404, after the same work:
  // both paths load the decoy, and an unknown code is compared against it.
  const { found, decoy } = await findPublicDossierAndDecoy(db, code);
  const target = found ?? decoy;
  const steps = await listPublicSteps(db, target?.id ?? -1);
  const pending = await findPendingSupplement(db, target?.id ?? -1);
  const ok = sameDigits(phoneLast4, target ? target.applicant.phone.replace(/\D/g, '').slice(-4) : '----');
  if (!found || !ok) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);
  const supplement = pending ? { requestedAt: pending.requestedAt, note: pending.note, items: pending.items, uploadedAt: pending.uploadedAt } : null;
  return presentPublicDossier(found, steps, supplement);
}

/**
 * The check in front of every public use of a dossier (lookup, online supplement, opt-out): the client
 * address's look-up budget, then the code and the phone's last 4 digits, answered like the lookup itself
 * (an unknown code and a wrong phone are indistinguishable).
 */
export async function checkPublicAccess(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, code: string, phoneLast4: string): Promise<PublicDossier> {
  const sec = { ...DEFAULT_SECURITY, ...app.deps.config.security };
  const lookupWindow = sec.publicLookupWindowMinutes * 60;
  // Per client address, counted in the database so that every server process shares the count.
  const hits = await hitThrottle(app.deps.db.kysely, `lookup:ip:${request.ip}`, lookupWindow, app.deps.clock.now());
  if (hits > sec.publicLookupLimit) {
    void reply.header('retry-after', String(lookupWindow));
    throw new DomainError('RATE_LIMITED', `Tra cứu quá nhiều lần. Vui lòng thử lại sau ${sec.publicLookupWindowMinutes} phút.`);
  }
  return lookupPublicDossier(app.deps.db.kysely, code, phoneLast4);
}

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
