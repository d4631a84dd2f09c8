import { createHash } from 'node:crypto';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ACTIONS, availableActions, STATUSES, type Status } from '../../../domain/dossier/workflow.ts';
import { DomainError } from '../../../domain/errors.ts';
import { CHANNELS } from '../../../domain/procedure/procedure.ts';
import { fold } from '../../../domain/text.ts';
import type { Database } from '../../db/schema.ts';
import { requireActor, STAFF_ROLES } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import type { Actor } from '../auth/actor.ts';
import { readSetting } from '../settings.repository.ts';
import { appendAudit } from '../audit.repository.ts';
import { DOSSIER_CODE_PATTERN } from './dossier-code.ts';
import { DossierQueueItemSchema, DossierSchema } from './dossier.schemas.ts';
import type { Dossier } from './dossier.ts';
import { type Names, presentDossier, presentDossierSummary } from './dossier.presenter.ts';
import { getDossier, listDossierComponentIds, listDossiers, listEvents, listSteps } from './dossier.repository.ts';
import { performAction } from './perform-action.ts';
import { riskLevel, WARNING_LABEL_VI } from '../../../domain/dossier/deadline.ts';
import type { WorkingCalendar } from '../../../domain/calendar/working-calendar.ts';
import { readRules } from '../three-khong/rules.ts';
import { apologyDateCap } from '../three-khong/apology-cap.ts';

/** The due-date window of each risk filter; "at_risk" = anything up to the "sắp đến hạn" horizon, overdue included. */
function riskBounds(calendar: WorkingCalendar, now: Date, soonDays: number, risk: string): { dueFrom?: string; dueTo?: string; forecastLate?: boolean } {
  const vnMidnight = Date.parse(`${new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10)}T00:00:00+07:00`) + 86_400_000;
  const endOfToday = new Date(vnMidnight).toISOString();
  const soon = calendar.addWorkingMinutes(now, Math.round(soonDays * calendar.minutesPerWorkingDay));
  const horizon = new Date(Math.max(soon.getTime() + 1, vnMidnight)).toISOString();
  const nowIso = now.toISOString();
  switch (risk) {
    case 'overdue':
      return { dueTo: nowIso };
    case 'due_today':
      return { dueFrom: nowIso, dueTo: endOfToday };
    case 'due_soon':
      return { dueFrom: endOfToday, dueTo: horizon };
    case 'forecast_late':
      return { forecastLate: true };
    default:
      return { dueTo: horizon };
  }
}
import { receiveDossier } from './receive-dossier.ts';
import { isBreach, isPastDue } from '../three-khong/breach.ts';

const IDEMPOTENCY_HEADER = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })) });
const DossierResponse = DossierSchema;
const MASKED_ROLES = new Set(['supervisor']);

async function loadNames(db: Kysely<Database>): Promise<Names> {
  const [divisions, staff] = await Promise.all([
    db.selectFrom('division').select(['id', 'code', 'name']).execute(),
    db.selectFrom('staff_user').select(['id', 'full_name']).execute(),
  ]);
  return {
    divisions: new Map(divisions.map((d) => [d.id, { code: d.code, name: d.name }])),
    staff: new Map(staff.map((s) => [s.id, s.full_name])),
  };
}

/** Division staff see their own division's dossiers; the one-stop, leaders, monitor, supervisors and admins see all. */
function assertCanRead(actor: Actor, dossier: Dossier): void {
  if ((actor.role === 'specialist' || actor.role === 'division_head') && actor.divisionId !== dossier.divisionId) {
    throw new DomainError('FORBIDDEN', 'Hồ sơ thuộc phòng chuyên môn khác.');
  }
}

/** Authentication before validation: an anonymous caller learns nothing about the body's shape (401, not 400). */
const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request, STAFF_ROLES) };

function requestKey(request: FastifyRequest, actor: Actor): string | null {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' && key.length > 0 ? `${actor.id}:${key}` : null;
}

export const dossierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  async function detail(code: string, actor: Actor) {
    const d = await getDossier(db.kysely, code);
    assertCanRead(actor, d);
    const actions = availableActions(d, actor);
    const [events, steps, componentIds, names, apologyDateLimit] = await Promise.all([
      listEvents(db.kysely, d.id),
      listSteps(db.kysely, d.id),
      listDossierComponentIds(db.kysely, d.id),
      loadNames(db.kysely),
      // Shown beside the date picker of form 04: the latest date the server will accept.
      actions.includes('draft_apology') && d.dueAt !== null
        ? Promise.all([app.calendars.current(), readRules(db.kysely)]).then(([calendar, rules]) => apologyDateCap(calendar, rules, { dueAt: d.dueAt!, timeLimit: d.timeLimit }))
        : null,
    ]);
    return presentDossier(d, { events, steps, componentIds, actions, apologyDateLimit }, names, clock.now(), MASKED_ROLES.has(actor.role));
  }

  async function logRead(actor: Actor, action: string, entityId: string, details: Record<string, unknown>) {
    await db.kysely.transaction().execute((trx) => appendAudit(trx, actor, action, 'dossier', entityId, details, clock.now()));
  }

  async function unitCode(trx: Kysely<Database>): Promise<string> {
    const ward = await readSetting<{ code: string }>(trx, 'ward');
    return ward?.code ?? 'MOTCUA';
  }

  app.post(
    '/dossiers',
    {
      ...signedIn,
      schema: {
        tags: ['dossiers'],
        summary: 'Tiếp nhận hồ sơ tại Bộ phận Một cửa (cấp mã hồ sơ và ngày hẹn trả)',
        headers: IDEMPOTENCY_HEADER,
        body: Type.Object(
          {
            procedureCode: Type.String({ minLength: 1, maxLength: 20 }),
            channel: Type.Union(CHANNELS.map((c) => Type.Literal(c))),
            applicant: Type.Object(
              {
                fullName: Type.String({ minLength: 1, maxLength: 100 }),
                idNumber: Type.String({ minLength: 1, maxLength: 20 }),
                phone: Type.String({ minLength: 1, maxLength: 20 }),
                email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
                address: Type.String({ minLength: 1, maxLength: 300 }),
              },
              { additionalProperties: false },
            ),
            submittedComponents: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: DossierResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['reception']);
      const key = request.headers['idempotency-key'];
      const hash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
      const replay = async () => {
        if (!key) return undefined;
        const row = await db.kysely
          .selectFrom('idempotency')
          .selectAll()
          .where('user_id', '=', actor.id)
          .where('key', '=', key)
          .executeTakeFirst();
        if (!row) return undefined;
        if (row.request_hash !== hash) {
          throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.');
        }
        const stored = JSON.parse(row.response) as { code: string };
        return reply.status(row.status_code).send(await detail(stored.code, actor));
      };
      const earlier = await replay();
      if (earlier) return earlier;
      const calendar = await app.calendars.current();
      let code: string;
      try {
        code = await db.kysely.transaction().execute(async (trx) => {
          const dossier = await receiveDossier(
            { db: trx, clock, calendar, unitCode: await unitCode(trx) },
            actor,
            request.body,
            requestKey(request, actor),
          );
          if (key) {
            // Stored in the same transaction: a retry after a lost answer finds it, a crash leaves neither.
            await trx
              .insertInto('idempotency')
              .values({
                user_id: actor.id,
                key,
                request_hash: hash,
                status_code: 201,
                response: JSON.stringify({ code: dossier.code }),
                created_at: clock.now().toISOString(),
              })
              .execute();
          }
          return dossier.code;
        });
      } catch (err) {
        // A concurrent retry with the same key won the race: answer like it.
        const earlierAfterRace = err instanceof DomainError ? undefined : await replay();
        if (earlierAfterRace) return earlierAfterRace;
        throw err;
      }
      return reply.status(201).send(await detail(code, actor));
    },
  );

  app.get(
    '/dossiers',
    {
      ...signedIn,
      schema: {
        tags: ['dossiers'],
        summary: 'Hàng đợi hồ sơ, sắp theo hạn giải quyết',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Array(Type.Union(STATUSES.map((s) => Type.Literal(s))), { maxItems: 14 })),
            division: Type.Optional(Type.String({ maxLength: 32 })),
            mine: Type.Optional(Type.Boolean()),
            dueBefore: Type.Optional(Type.String({ format: 'date-time' })),
            risk: Type.Optional(Type.Union(['at_risk', 'due_soon', 'due_today', 'overdue', 'forecast_late'].map((r) => Type.Literal(r)))),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ total: Type.Integer(), items: Type.Array(DossierQueueItemSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, STAFF_ROLES);
      const qs = request.query;
      let divisionId: number | undefined;
      if (qs.division) {
        const d = await db.kysely.selectFrom('division').select('id').where('code', '=', qs.division).executeTakeFirst();
        if (!d) throw new DomainError('VALIDATION_ERROR', `Không có phòng ban mã ${qs.division}.`, { field: 'division' });
        divisionId = d.id;
      }
      if (actor.role === 'specialist' || actor.role === 'division_head') {
        if (divisionId !== undefined && divisionId !== actor.divisionId) {
          throw new DomainError('FORBIDDEN', 'Bạn chỉ xem được hồ sơ của phòng mình.');
        }
        divisionId = actor.divisionId ?? -1;
      }
      const calendar = await app.calendars.current();
      const rules = await readRules(db.kysely);
      const now = clock.now();
      const risk = qs.risk ? riskBounds(calendar, now, rules.deadline.dueSoonWorkingDays, qs.risk) : undefined;
      const result = await listDossiers(db.kysely, {
        ...(risk ? { risk } : {}),
        statuses: qs.status as Status[] | undefined,
        divisionId,
        handlerId: qs.mine ? actor.id : undefined,
        dueBefore: qs.dueBefore ? new Date(qs.dueBefore).toISOString() : undefined,
        text: qs.q ? fold(qs.q) : undefined,
        limit: qs.limit ?? 50,
        offset: qs.offset ?? 0,
      });
      const names = await loadNames(db.kysely);
      const ids = result.items.map((d) => d.id);
      const forecast = new Set(
        ids.length
          ? (await db.kysely.selectFrom('deadline_warning').select(['dossier_id', 'due_at']).where('level', '=', 'forecast_late').where('dossier_id', 'in', ids).execute()).map(
              (w) => `${w.dossier_id}@${w.due_at}`,
            )
          : [],
      );
      await logRead(actor, 'dossier.list', '*', {
        query: qs,
        codes: result.items.map((d) => d.code),
        masked: MASKED_ROLES.has(actor.role),
      });
      return {
        total: result.total,
        items: result.items.map((d) => {
          const open = d.dueAt !== null && d.closedAt === null && d.resultReadyAt === null && d.status !== 'supplement_requested';
          const level = open ? riskLevel(calendar, now, new Date(d.dueAt!), rules.deadline.dueSoonWorkingDays) : null;
          return {
            ...presentDossierSummary(d, names, now, MASKED_ROLES.has(actor.role)),
            risk: level ? { level, label: WARNING_LABEL_VI[level] } : null,
            forecastLate: open && forecast.has(`${d.id}@${d.dueAt}`),
            apologyStatus: d.apologyStatus,
            breach: isBreach(open && isPastDue(d.dueAt!, now), d.apologyStatus),
          };
        }),
      };
    },
  );

  app.get(
    '/dossiers/:code',
    {
      ...signedIn,
      schema: {
        tags: ['dossiers'],
        summary: 'Chi tiết hồ sơ: dòng thời gian, các bước, thao tác được phép',
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE_PATTERN, maxLength: 64 }) }),
        response: { 200: DossierResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, STAFF_ROLES);
      const body = await detail(request.params.code, actor);
      // Every staff read of a dossier's personal data is logged (Law 91/2025 on personal data protection; ASVS 5.0 V16).
      await logRead(actor, 'dossier.read', request.params.code, { masked: MASKED_ROLES.has(actor.role) });
      return body;
    },
  );

  app.post(
    '/dossiers/:code/actions/:action',
    {
      ...signedIn,
      schema: {
        tags: ['dossiers'],
        summary: 'Thực hiện một thao tác trên hồ sơ (theo bảng chuyển trạng thái)',
        headers: IDEMPOTENCY_HEADER,
        params: Type.Object({
          code: Type.String({ pattern: DOSSIER_CODE_PATTERN, maxLength: 64 }),
          action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
        }),
        body: Type.Optional(
          Type.Object(
            {
              reason: Type.Optional(Type.String({ maxLength: 2000 })),
              handlerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
              divisionCode: Type.Optional(Type.String({ maxLength: 32 })),
              newDueAt: Type.Optional(Type.String({ format: 'date-time' })),
              items: Type.Optional(
                Type.Array(
                  Type.Object({ componentId: Type.Integer({ minimum: 1, maximum: 2147483647 }), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
                  { maxItems: 50 },
                ),
              ),
              otherItems: Type.Optional(
                Type.Array(
                  Type.Object({ name: Type.String({ minLength: 1, maxLength: 300 }), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
                  { maxItems: 20 },
                ),
              ),
              overrideReason: Type.Optional(Type.String({ maxLength: 2000 })),
              reasons: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 20 })),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 200: DossierResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, STAFF_ROLES);
      const { code, action } = request.params;
      const reqId = requestKey(request, actor);
      if (reqId) {
        const done = await db.kysely.selectFrom('dossier_event').select('id').where('request_id', '=', reqId).executeTakeFirst();
        if (done) return detail(code, actor);
      }
      const current = await getDossier(db.kysely, code);
      assertCanRead(actor, current);
      const calendar = await app.calendars.current();
      await db.kysely.transaction().execute(async (trx) =>
        performAction({ db: trx, clock, calendar, unitCode: '' }, actor, code, action, request.body ?? {}, reqId),
      );
      return detail(code, actor);
    },
  );
};
