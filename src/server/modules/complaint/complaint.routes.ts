import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_MANAGERS,
  COMPLAINT_RECEIVERS,
  COMPLAINT_STATUSES,
  COMPLAINT_TIME_LIMIT_SOURCE,
} from '../../../domain/complaint/complaint.ts';
import { DomainError } from '../../../domain/errors.ts';
import { parsePeriod } from '../../../domain/report/period.ts';
import { requireActor, STAFF_ROLES } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import { getComplaint, listComplaintRows } from './complaint.repository.ts';
import { presentComplaint } from './complaint.presenter.ts';
import { handleComplaint } from './handle-complaint.ts';
import { complaintDays, receiveComplaint } from './receive-complaint.ts';

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request, STAFF_ROLES) };

/** Staff API for PAKN: recorded at the counter, listed, assigned, answered and closed (all audited). */
export const complaintRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const staffNames = async () => new Map((await db.kysely.selectFrom('staff_user').select(['id', 'full_name']).execute()).map((s) => [s.id, s.full_name]));

  app.post(
    '/complaints',
    {
      ...signedIn,
      schema: {
        tags: ['complaints'],
        summary: 'Ghi nhận phản ánh, kiến nghị tại quầy (liên kết hồ sơ hoặc cán bộ)',
        body: Type.Object(
          {
            category: Type.Union(COMPLAINT_CATEGORIES.map((c) => Type.Literal(c))),
            content: Type.String({ minLength: 1, maxLength: 4000 }),
            submitterName: Type.String({ minLength: 1, maxLength: 100 }),
            phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
            email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
            dossierCode: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
            staffUsername: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, COMPLAINT_RECEIVERS);
      const calendar = await app.calendars.current();
      const row = await db.kysely.transaction().execute((trx) => receiveComplaint({ db: trx, clock, calendar }, actor, { ...request.body, channel: 'counter' }));
      const full = await getComplaint(db.kysely, row.tracking_code);
      return reply.status(201).send(presentComplaint({ ...full, dossier_code: request.body.dossierCode ?? null }, await staffNames(), clock.now().toISOString(), false));
    },
  );

  app.get(
    '/complaints',
    {
      ...signedIn,
      schema: {
        tags: ['complaints'],
        summary: 'Danh sách phản ánh, kiến nghị (theo kỳ, trạng thái), có hạn xử lý và cờ quá hạn',
        querystring: Type.Object({
          period: Type.Optional(Type.String({ minLength: 4, maxLength: 10 })),
          status: Type.Optional(Type.Union(COMPLAINT_STATUSES.map((s) => Type.Literal(s)))),
        }),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request, COMPLAINT_MANAGERS);
      const period = request.query.period ? parsePeriod(request.query.period) : null;
      const rows = await listComplaintRows(db.kysely, { from: period?.start, to: period?.end, status: request.query.status });
      const names = await staffNames();
      const now = clock.now().toISOString();
      const items = rows.map((r) => presentComplaint(r, names, now, false));
      return {
        period: period?.key ?? null,
        timeLimit: { workingDays: await complaintDays(db.kysely), source: COMPLAINT_TIME_LIMIT_SOURCE },
        total: items.length,
        overdue: items.filter((i) => i.overdue).length,
        items,
      };
    },
  );

  app.get(
    '/complaints/:code',
    {
      ...signedIn,
      schema: {
        tags: ['complaints'],
        summary: 'Chi tiết một phản ánh, kiến nghị và lịch sử xử lý',
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const c = await getComplaint(db.kysely, request.params.code);
      if (!COMPLAINT_MANAGERS.includes(actor.role) && c.assignee_id !== actor.id) {
        throw new DomainError('FORBIDDEN', 'Bạn không được giao xử lý phản ánh này.');
      }
      const dossier = c.dossier_id === null ? null : await db.kysely.selectFrom('dossier').select('code').where('id', '=', c.dossier_id).executeTakeFirst();
      const history = await db.kysely
        .selectFrom('audit_log')
        .select(['at', 'action', 'actor_id', 'actor_role', 'details'])
        .where('entity', '=', 'complaint')
        .where('entity_id', '=', c.tracking_code)
        .orderBy('id')
        .execute();
      const names = await staffNames();
      return {
        ...presentComplaint({ ...c, dossier_code: dossier?.code ?? null }, names, clock.now().toISOString(), false),
        history: history.map((h) => ({ at: h.at, action: h.action, actor: h.actor_id === null ? null : names.get(h.actor_id), role: h.actor_role, details: JSON.parse(h.details) })),
      };
    },
  );

  app.post(
    '/complaints/:code/actions/:action',
    {
      ...signedIn,
      schema: {
        tags: ['complaints'],
        summary: 'Giao xử lý (assign), trả lời (answer) hoặc kết thúc (close) một phản ánh, kiến nghị',
        params: Type.Object({ code: Type.String({ maxLength: 40 }), action: Type.Union([Type.Literal('assign'), Type.Literal('answer'), Type.Literal('close')]) }),
        body: Type.Object(
          {
            assigneeUsername: Type.Optional(Type.String({ maxLength: 64 })),
            answer: Type.Optional(Type.String({ maxLength: 4000 })),
            substantiated: Type.Optional(Type.Boolean()),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.role === 'supervisor') throw new DomainError('FORBIDDEN', 'Tài khoản giám sát chỉ được xem.');
      const calendar = await app.calendars.current();
      const row = await db.kysely
        .transaction()
        .execute((trx) => handleComplaint({ db: trx, clock, calendar }, actor, request.params.code, request.params.action, request.body ?? {}));
      const dossier = row.dossier_id === null ? null : await db.kysely.selectFrom('dossier').select('code').where('id', '=', row.dossier_id).executeTakeFirst();
      return presentComplaint({ ...row, dossier_code: dossier?.code ?? null }, await staffNames(), clock.now().toISOString(), false);
    },
  );
};
