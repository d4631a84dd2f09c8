import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { riskLevel, SEVERITY, WARNING_LABEL_VI } from '../../../domain/dossier/deadline.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { buildRedirectSlip } from '../../documents/forms.ts';
import { loadUnit } from '../../documents/form-context.ts';
import { sendDocument } from '../../documents/documents.routes.ts';
import { requireActor, STAFF_ROLES } from '../../http/request-context.ts';
import type { Role } from '../../../domain/procedure/procedure.ts';
import { binaryResponse, DOCX, errorResponses, PDF } from '../../http/schemas.ts';
import { appendAudit } from '../audit.repository.ts';
import { getDossier } from '../dossier/dossier.repository.ts';
import { DOSSIER_CODE_PATTERN } from '../dossier/dossier-code.ts';
import { writeSetting } from '../settings.repository.ts';
import { listNotifications } from './notifications.ts';
import { readRules, RULES_KEY } from './rules.ts';
import { isBreach, isPastDue } from './breach.ts';
import { ROOT_CAUSES } from './root-causes.ts';

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request, STAFF_ROLES) };
/** 401, then 403 for the wrong role, before the body is validated: a caller without the right learns nothing of its shape. */
const only = (roles: readonly Role[]) => ({ preValidation: async (request: FastifyRequest) => void requireActor(request, roles) });
const Ok = Type.Object({}, { additionalProperties: true });

export const threeKhongRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  // ---- In-app notifications (per staff user) -------------------------------------------------------------
  app.get(
    '/notifications',
    {
      ...signedIn,
      schema: {
        tags: ['notifications'],
        summary: 'Hộp thông báo của cán bộ (cảnh báo hạn, chuyển cấp, tổng hợp đầu ngày, văn bản chờ ký)',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, STAFF_ROLES);
      return listNotifications(db.kysely, actor.id, { unreadOnly: request.query.unread ?? false, limit: request.query.limit ?? 50 });
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      ...signedIn,
      schema: { tags: ['notifications'], summary: 'Đánh dấu đã đọc', params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }), response: { 200: Ok, ...errorResponses } },
    },
    async (request) => {
      const actor = requireActor(request, STAFF_ROLES);
      const n = await db.kysely.selectFrom('notification').select(['id', 'user_id', 'read_at']).where('id', '=', request.params.id).executeTakeFirst();
      if (!n || n.user_id !== actor.id) throw notFound('thông báo');
      if (n.read_at === null) await db.kysely.updateTable('notification').set({ read_at: clock.now().toISOString() }).where('id', '=', n.id).execute();
      return { id: n.id, read: true };
    },
  );

  app.post(
    '/notifications/read-all',
    { ...signedIn, schema: { tags: ['notifications'], summary: 'Đánh dấu tất cả đã đọc', response: { 200: Ok, ...errorResponses } } },
    async (request) => {
      const actor = requireActor(request, STAFF_ROLES);
      const r = await db.kysely.updateTable('notification').set({ read_at: clock.now().toISOString() }).where('user_id', '=', actor.id).where('read_at', 'is', null).executeTakeFirst();
      return { marked: Number(r.numUpdatedRows) };
    },
  );

  // ---- Divisions, to forward a dossier to another one (the console's "chuyển phòng" choice) ----------------
  app.get(
    '/divisions',
    { ...signedIn, schema: { tags: ['three-khong'], summary: 'Danh sách phòng chuyên môn (để chọn phòng xử lý khi chuyển hồ sơ)', response: { 200: Ok, ...errorResponses } } },
    async (request) => {
      requireActor(request, STAFF_ROLES);
      const rows = await db.kysely.selectFrom('division').select(['code', 'name', 'kind']).orderBy('id').execute();
      return { items: rows };
    },
  );

  // ---- "Today" screen ------------------------------------------------------------------------------------
  app.get(
    '/three-khong/today',
    {
      ...signedIn,
      schema: { tags: ['three-khong'], summary: 'Màn hình "hôm nay": hồ sơ quá hạn, đến hạn, sắp đến hạn, dự báo trễ, văn bản xin lỗi chờ ký, vi phạm', response: { 200: Ok, ...errorResponses } },
    },
    async (request) => {
      const actor = requireActor(request, STAFF_ROLES);
      const calendar = await app.calendars.current();
      const rules = await readRules(db.kysely);
      const now = clock.now();
      let q = db.kysely
        .selectFrom('dossier')
        .select(['id', 'code', 'procedure_name', 'status', 'due_at', 'original_due_at', 'division_id', 'handler_id', 'apology_status'])
        .where('closed_at', 'is', null)
        .where('result_ready_at', 'is', null)
        .where('due_at', 'is not', null)
        .where('status', '!=', 'supplement_requested');
      if (actor.role === 'specialist' || actor.role === 'division_head') q = q.where('division_id', '=', actor.divisionId ?? -1);
      if (actor.role === 'specialist') q = q.where('handler_id', '=', actor.id);
      const rows = await q.execute();
      const forecast = new Set(
        (await db.kysely.selectFrom('deadline_warning').select('dossier_id').where('level', '=', 'forecast_late').execute()).map((r) => r.dossier_id),
      );
      const items = rows
        .map((r) => ({
          code: r.code,
          procedureName: r.procedure_name,
          status: r.status,
          dueAt: r.due_at!,
          risk: riskLevel(calendar, now, new Date(r.due_at!), rules.deadline.dueSoonWorkingDays),
          forecastLate: forecast.has(r.id),
          apologyStatus: r.apology_status,
          // A late dossier without a signed apology is a breach that still requires one (DOMAIN.md 17.5).
          breach: isBreach(isPastDue(r.due_at!, now), r.apology_status),
        }))
        .filter((r) => r.risk !== null || r.forecastLate)
        .sort((a, b) => SEVERITY[b.risk ?? 'forecast_late'] - SEVERITY[a.risk ?? 'forecast_late'] || a.dueAt.localeCompare(b.dueAt))
        .map((r) => ({ ...r, riskLabel: r.risk ? WARNING_LABEL_VI[r.risk] : WARNING_LABEL_VI.forecast_late }));
      const apologiesToSign = await db.kysely
        .selectFrom('apology')
        .innerJoin('dossier', 'dossier.id', 'apology.dossier_id')
        .select(['dossier.code', 'apology.number', 'apology.new_due_at', 'apology.drafted_at', 'apology.is_late_draft'])
        .where('apology.signed_at', 'is', null)
        .execute();
      const openActions = await db.kysely
        .selectFrom('accountability_record')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow();
      return {
        at: now.toISOString(),
        counts: {
          overdue: items.filter((i) => i.risk === 'overdue').length,
          dueToday: items.filter((i) => i.risk === 'due_today').length,
          dueSoon: items.filter((i) => i.risk === 'due_soon').length,
          forecastLate: items.filter((i) => i.forecastLate).length,
          breaches: items.filter((i) => i.breach).length,
          apologiesToSign: apologiesToSign.length,
          openCorrectiveActions: Number(openActions.n),
        },
        items,
        apologiesToSign: apologiesToSign.map((a) => ({ code: a.code, number: a.number, newDueAt: a.new_due_at, draftedAt: a.drafted_at, isLateDraft: a.is_late_draft === 1 })),
      };
    },
  );

  // ---- Accountability record (internal, beside form 04) ----------------------------------------------------
  app.post(
    '/dossiers/:code/accountability',
    {
      ...only(['division_head', 'leader', 'monitor']),
      schema: {
        tags: ['three-khong'],
        summary: 'Ghi nhận trách nhiệm nội bộ của hồ sơ trễ hẹn: đơn vị, cá nhân, nguyên nhân, biện pháp khắc phục',
        params: Type.Object({ code: Type.String({ pattern: DOSSIER_CODE_PATTERN, maxLength: 64 }) }),
        body: Type.Object(
          {
            responsibleDivision: Type.String({ minLength: 1, maxLength: 32 }),
            responsibleUserId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
            rootCause: Type.Union(ROOT_CAUSES.map((c) => Type.Literal(c))),
            rootCauseNote: Type.String({ minLength: 3, maxLength: 2000 }),
            correctiveAction: Type.String({ minLength: 3, maxLength: 2000 }),
            actionOwnerId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
            actionDueDate: Type.String({ format: 'date' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ok, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['division_head', 'leader', 'monitor']);
      const b = request.body;
      const d = await getDossier(db.kysely, request.params.code);
      // A division head answers for the dossiers of the own division only; leaders and the monitor ward-wide.
      if (actor.role === 'division_head' && actor.divisionId !== d.divisionId) throw new DomainError('FORBIDDEN', 'Hồ sơ thuộc phòng chuyên môn khác.');
      const division = await db.kysely.selectFrom('division').select('id').where('code', '=', b.responsibleDivision).executeTakeFirst();
      if (!division) throw new DomainError('UNKNOWN_REFERENCE', `Không có phòng ban mã ${b.responsibleDivision}.`, { field: 'responsibleDivision' });
      for (const [field, id] of [['actionOwnerId', b.actionOwnerId], ['responsibleUserId', b.responsibleUserId]] as const) {
        if (id === undefined) continue;
        const u = await db.kysely.selectFrom('staff_user').select('id').where('id', '=', id).executeTakeFirst();
        if (!u) throw new DomainError('UNKNOWN_REFERENCE', `Không có cán bộ mã ${id} (${field}).`, { field });
      }
      const now = clock.now().toISOString();
      const id = await db.kysely.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('accountability_record')
          .values({
            dossier_id: d.id,
            responsible_division_id: division.id,
            responsible_user_id: b.responsibleUserId ?? null,
            root_cause: b.rootCause,
            root_cause_note: b.rootCauseNote.normalize('NFC').trim(),
            corrective_action: b.correctiveAction.normalize('NFC').trim(),
            action_owner_id: b.actionOwnerId,
            action_due_date: b.actionDueDate,
            status: 'open',
            created_by: actor.id,
            created_at: now,
            closed_at: null,
            verified_by: null,
            verification_note: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, actor, 'accountability.create', 'accountability_record', String(r.id), { dossier: d.code, rootCause: b.rootCause }, new Date(now));
        return r.id;
      });
      return reply.status(201).send({ id, dossierCode: d.code, status: 'open' });
    },
  );

  app.get(
    '/accountability',
    {
      ...only(['division_head', 'leader', 'monitor', 'supervisor', 'admin']),
      schema: {
        tags: ['three-khong'],
        summary: 'Danh sách biện pháp khắc phục (mặc định: đang mở)',
        querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')])) }, { additionalProperties: false }),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request, ['division_head', 'leader', 'monitor', 'supervisor', 'admin']);
      const status = request.query.status ?? 'open';
      let q = db.kysely
        .selectFrom('accountability_record as a')
        .innerJoin('dossier as d', 'd.id', 'a.dossier_id')
        .innerJoin('division as v', 'v.id', 'a.responsible_division_id')
        .innerJoin('staff_user as o', 'o.id', 'a.action_owner_id')
        .select(['a.id', 'd.code', 'v.name as division', 'a.root_cause', 'a.root_cause_note', 'a.corrective_action', 'o.full_name as owner', 'a.action_due_date', 'a.status', 'a.closed_at', 'a.verification_note']);
      if (status !== 'all') q = q.where('a.status', '=', status);
      const rows = await q.orderBy('a.action_due_date').orderBy('a.id').execute();
      const today = new Date(clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
      return {
        total: rows.length,
        items: rows.map((r) => ({
          id: r.id,
          dossierCode: r.code,
          responsibleDivision: r.division,
          rootCause: r.root_cause,
          rootCauseNote: r.root_cause_note,
          correctiveAction: r.corrective_action,
          owner: r.owner,
          dueDate: r.action_due_date,
          isOverdue: r.status === 'open' && r.action_due_date < today,
          status: r.status,
          closedAt: r.closed_at,
          verificationNote: r.verification_note,
        })),
      };
    },
  );

  app.post(
    '/accountability/:id/close',
    {
      ...only(['leader', 'monitor']),
      schema: {
        tags: ['three-khong'],
        summary: 'Xác nhận đã khắc phục (đóng biện pháp khắc phục)',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        body: Type.Object({ verificationNote: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['leader', 'monitor']);
      const rec = await db.kysely.selectFrom('accountability_record').select(['id', 'status', 'action_owner_id']).where('id', '=', request.params.id).executeTakeFirst();
      if (!rec) throw notFound('biện pháp khắc phục');
      if (rec.status !== 'open') throw new DomainError('CONFLICT', 'Biện pháp khắc phục này đã được xác nhận đóng.');
      if (rec.action_owner_id === actor.id) throw new DomainError('FORBIDDEN', 'Người thực hiện biện pháp khắc phục không tự xác nhận đóng.');
      const now = clock.now().toISOString();
      await db.kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('accountability_record')
          .set({ status: 'closed', closed_at: now, verified_by: actor.id, verification_note: request.body.verificationNote.normalize('NFC').trim() })
          .where('id', '=', rec.id)
          .execute();
        await appendAudit(trx, actor, 'accountability.close', 'accountability_record', String(rec.id), {}, new Date(now));
      });
      return { id: rec.id, status: 'closed', closedAt: now };
    },
  );

  // ---- Overrides of the once-only rule, counted (TT 01/2018 indicator 3) ------------------------------------
  app.get(
    '/three-khong/overrides',
    {
      ...only(['leader', 'monitor', 'supervisor', 'admin']),
      schema: {
        tags: ['three-khong'],
        summary: 'Số lần lãnh đạo cho phép ngoại lệ (yêu cầu bổ sung lần hai, giấy tờ ngoài danh mục)',
        querystring: Type.Object({ from: Type.Optional(Type.String({ format: 'date' })), to: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false }),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request, ['leader', 'monitor', 'supervisor', 'admin']);
      let q = db.kysely
        .selectFrom('rule_override as o')
        .innerJoin('dossier as d', 'd.id', 'o.dossier_id')
        .innerJoin('staff_user as u', 'u.id', 'o.actor_id')
        .select(['o.id', 'd.code', 'o.kind', 'o.reason', 'u.full_name', 'o.at']);
      if (request.query.from) q = q.where('o.at', '>=', new Date(Date.parse(`${request.query.from}T00:00:00+07:00`)).toISOString());
      if (request.query.to) q = q.where('o.at', '<', new Date(Date.parse(`${request.query.to}T00:00:00+07:00`) + 86_400_000).toISOString());
      const rows = await q.orderBy('o.id').execute();
      const byKind: Record<string, number> = {};
      for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
      return { total: rows.length, byKind, items: rows.map((r) => ({ id: r.id, dossierCode: r.code, kind: r.kind, reason: r.reason, by: r.full_name, at: r.at })) };
    },
  );

  // ---- Configurable rules ----------------------------------------------------------------------------------
  app.get('/settings/three-khong', { ...signedIn, schema: { tags: ['three-khong'], summary: 'Các quy tắc "3 không" có thể cấu hình', response: { 200: Ok, ...errorResponses } } }, async (request) => {
    requireActor(request, STAFF_ROLES);
    return readRules(db.kysely);
  });
  app.put(
    '/settings/three-khong',
    {
      ...only(['admin']),
      schema: {
        tags: ['three-khong'],
        summary: 'Sửa quy tắc "3 không" (quản trị)',
        body: Type.Object(
          {
            deadline: Type.Optional(
              Type.Object(
                {
                  dueSoonWorkingDays: Type.Optional(Type.Number({ minimum: 0.5, maximum: 10 })),
                  escalateAfterWorkingHours: Type.Optional(Type.Number({ minimum: 1, maximum: 80 })),
                  digestAt: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })),
                },
                { additionalProperties: false },
              ),
            ),
            supplement: Type.Optional(Type.Object({ clockRule: Type.Optional(Type.Union([Type.Literal('restart'), Type.Literal('pause')])) }, { additionalProperties: false })),
            apology: Type.Optional(
              Type.Object(
                {
                  cap: Type.Optional(
                    Type.Union([
                      Type.Object({ mode: Type.Literal('legal_limit') }, { additionalProperties: false }),
                      Type.Object({ mode: Type.Literal('working_days'), workingDays: Type.Number({ minimum: 0.5, maximum: 60 }) }, { additionalProperties: false }),
                    ]),
                  ),
                  draftWorkingDaysBefore: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      const current = await readRules(db.kysely);
      const b = request.body;
      const next = {
        deadline: { ...current.deadline, ...b.deadline },
        supplement: { ...current.supplement, ...b.supplement },
        apology: { ...current.apology, ...b.apology },
      };
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        await writeSetting(trx, RULES_KEY, next, actor.id, now);
        await appendAudit(trx, actor, 'settings.three-khong', 'setting', RULES_KEY, { before: current, after: next }, now);
      });
      return next;
    },
  );

  // ---- Directory of competent bodies and redirect slips ("không gây phiền hà") ------------------------------
  app.get(
    '/agencies',
    {
      ...signedIn,
      schema: {
        tags: ['three-khong'],
        summary: 'Danh bạ cơ quan có thẩm quyền (phường khác, sở, trung tâm PVHCC tỉnh, công an, thuế, …)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request, STAFF_ROLES);
      const rows = await db.kysely.selectFrom('competent_agency').selectAll().where('is_active', '=', 1).orderBy('kind').orderBy('name').execute();
      const q = request.query.q?.toLowerCase().normalize('NFC');
      const items = rows
        .filter((r) => !q || `${r.name} ${r.matters}`.toLowerCase().includes(q))
        .map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, address: r.address, phone: r.phone, onlineUrl: r.online_url, matters: r.matters }));
      return { total: items.length, items };
    },
  );

  app.post(
    '/agencies',
    {
      ...only(['admin']),
      schema: {
        tags: ['three-khong'],
        summary: 'Thêm cơ quan vào danh bạ (quản trị)',
        body: Type.Object(
          {
            code: Type.String({ pattern: '^[A-Z0-9._-]{2,32}$' }),
            name: Type.String({ minLength: 3, maxLength: 300 }),
            kind: Type.Union(['ward', 'province_department', 'province_centre', 'police', 'tax', 'land', 'other'].map((k) => Type.Literal(k))),
            address: Type.String({ minLength: 3, maxLength: 300 }),
            phone: Type.String({ minLength: 3, maxLength: 40 }),
            onlineUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 300 })),
            matters: Type.String({ minLength: 3, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ok, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      const b = request.body;
      const exists = await db.kysely.selectFrom('competent_agency').select('id').where('code', '=', b.code).executeTakeFirst();
      if (exists) throw new DomainError('CONFLICT', `Mã cơ quan (code) ${b.code} đã có trong danh bạ.`, { field: 'code' });
      const now = clock.now().toISOString();
      const id = await db.kysely.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('competent_agency')
          .values({ code: b.code, name: b.name.normalize('NFC'), kind: b.kind, address: b.address.normalize('NFC'), phone: b.phone, online_url: b.onlineUrl ?? null, matters: b.matters.normalize('NFC'), is_active: 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, actor, 'agency.create', 'competent_agency', String(r.id), { code: b.code }, new Date(now));
        return r.id;
      });
      return reply.status(201).send({ id, code: b.code });
    },
  );

  app.post(
    '/redirects',
    {
      ...only(['reception']),
      schema: {
        tags: ['three-khong'],
        summary: 'Lập phiếu hướng dẫn đến cơ quan có thẩm quyền (yêu cầu ngoài thẩm quyền; tính là một lượt phục vụ, không phải từ chối)',
        body: Type.Object(
          {
            agencyCode: Type.String({ minLength: 2, maxLength: 32 }),
            applicantName: Type.String({ minLength: 2, maxLength: 100 }),
            applicantPhone: Type.Optional(Type.String({ maxLength: 20 })),
            matter: Type.String({ minLength: 3, maxLength: 1000 }),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ok, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['reception']);
      const b = request.body;
      const agency = await db.kysely.selectFrom('competent_agency').select(['id', 'name']).where('code', '=', b.agencyCode).where('is_active', '=', 1).executeTakeFirst();
      if (!agency) throw new DomainError('UNKNOWN_REFERENCE', `Không có cơ quan mã ${b.agencyCode} trong danh bạ (agencyCode).`, { field: 'agencyCode' });
      const now = clock.now();
      const year = new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();
      const r = await db.kysely.transaction().execute(async (trx) => {
        const n = await trx.selectFrom('redirect_slip').select((eb) => eb.fn.countAll<number>().as('n')).where('issued_at', '>=', `${year}-01-01`).executeTakeFirstOrThrow();
        const number = `${String(Number(n.n) + 1).padStart(3, '0')}/${year}/HD`;
        const row = await trx
          .insertInto('redirect_slip')
          .values({
            number,
            agency_id: agency.id,
            applicant_name: b.applicantName.normalize('NFC').trim(),
            applicant_phone: b.applicantPhone ?? null,
            matter: b.matter.normalize('NFC').trim(),
            note: b.note?.normalize('NFC').trim() ?? '',
            issued_by: actor.id,
            issued_at: now.toISOString(),
          })
          .returning(['id', 'number'])
          .executeTakeFirstOrThrow();
        await appendAudit(trx, actor, 'redirect.issue', 'redirect_slip', String(row.id), { agency: b.agencyCode }, now);
        return row;
      });
      return reply.status(201).send({ id: r.id, number: r.number, agency: agency.name, slip: { pdf: `/api/redirects/${r.id}/slip.pdf`, docx: `/api/redirects/${r.id}/slip.docx` } });
    },
  );

  app.get(
    '/redirects',
    {
      ...only(['reception', 'leader', 'monitor', 'supervisor', 'admin']),
      schema: {
        tags: ['three-khong'],
        summary: 'Phiếu hướng dẫn đã lập trong kỳ (lượt phục vụ)',
        querystring: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }, { additionalProperties: false }),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request, ['reception', 'leader', 'monitor', 'supervisor', 'admin']);
      const fromAt = new Date(Date.parse(`${request.query.from}T00:00:00+07:00`)).toISOString();
      const toAt = new Date(Date.parse(`${request.query.to}T00:00:00+07:00`) + 86_400_000).toISOString();
      const rows = await db.kysely
        .selectFrom('redirect_slip as r')
        .innerJoin('competent_agency as a', 'a.id', 'r.agency_id')
        .select(['r.id', 'r.number', 'r.applicant_name', 'r.matter', 'a.name as agency', 'r.issued_at'])
        .where('r.issued_at', '>=', fromAt)
        .where('r.issued_at', '<', toAt)
        .orderBy('r.id')
        .execute();
      return { total: rows.length, countedAs: 'service', items: rows.map((r) => ({ id: r.id, number: r.number, applicantName: r.applicant_name, matter: r.matter, agency: r.agency, issuedAt: r.issued_at })) };
    },
  );

  app.get(
    '/redirects/:id/slip.:format',
    {
      ...signedIn,
      schema: {
        tags: ['forms'],
        summary: 'In phiếu hướng dẫn đến cơ quan có thẩm quyền',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }), format: Type.Union([Type.Literal('pdf'), Type.Literal('docx')]) }),
        response: { 200: binaryResponse('Phiếu hướng dẫn', [PDF, DOCX]), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireActor(request, STAFF_ROLES);
      const r = await db.kysely
        .selectFrom('redirect_slip as r')
        .innerJoin('competent_agency as a', 'a.id', 'r.agency_id')
        .innerJoin('staff_user as u', 'u.id', 'r.issued_by')
        .select(['r.number', 'r.applicant_name', 'r.matter', 'r.note', 'r.issued_at', 'a.name', 'a.address', 'a.phone', 'a.online_url', 'u.full_name'])
        .where('r.id', '=', request.params.id)
        .executeTakeFirst();
      if (!r) throw notFound('phiếu hướng dẫn');
      const doc = buildRedirectSlip({
        unit: await loadUnit(db.kysely),
        now: r.issued_at,
        number: r.number,
        applicantName: r.applicant_name,
        matter: r.matter,
        note: r.note,
        issuedByName: r.full_name,
        agency: { name: r.name, address: r.address, phone: r.phone, onlineUrl: r.online_url },
      });
      return sendDocument(reply, doc, `phieu-huong-dan-${request.params.id}`, request.params.format);
    },
  );
};
