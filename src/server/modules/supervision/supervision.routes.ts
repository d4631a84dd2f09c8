import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { isOverdue, RECOMMENDATION_STATUS_VI, RECOMMENDATION_TIME_LIMIT_SOURCE, type RecommendationStatus } from '../../../domain/complaint/complaint.ts';
import { type Action, STATUS_LABEL_VI, type Status, TRANSITIONS } from '../../../domain/dossier/workflow.ts';
import { notFound } from '../../../domain/errors.ts';
import { columnsOf } from '../../../domain/report/bieu06.ts';
import { parsePeriod } from '../../../domain/report/period.ts';
import type { Role } from '../../../domain/procedure/procedure.ts';
import { maskName } from '../../../domain/text.ts';
import { requireActor } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import { listComplaintRows } from '../complaint/complaint.repository.ts';
import { maskDigitRuns, presentComplaint } from '../complaint/complaint.presenter.ts';
import { currentReportInputs } from '../reports/report-inputs.ts';
import { listReportDossiers } from '../reports/report.repository.ts';
import { cutoffRule } from '../reports/reports.routes.ts';
import { answerRecommendation, closeRecommendation, fileRecommendation, getRecommendation, type RecommendationRow, recommendationDays } from './recommendation.ts';
import { isBreach } from '../three-khong/breach.ts';

/**
 * Supervisor portal of the Fatherland Front committee (DOMAIN.md 2.4, 12; Decree 61 Art 28(5)): read-only views
 * of late dossiers with their extensions/apologies, complaints, ratings and any dossier's audit trail, with
 * personal data masked (applicants' and complainants' names, numbers, addresses; officers are shown by role
 * and masked name); and the supervision recommendations the committee files and the ward must answer.
 * The ward's monitor, leaders and admins read the same (masked) views, to see what the Front sees.
 */
export const SUPERVISION_READERS: readonly Role[] = ['supervisor', 'monitor', 'leader', 'admin'];
const reader = { preValidation: async (request: FastifyRequest) => void requireActor(request, SUPERVISION_READERS) };
const PeriodQuery = Type.Object({ period: Type.String({ minLength: 4, maxLength: 10, description: '2026-07, 2026-Q3, 2026-H1 hoặc 2026' }) });

/** Payload keys of dossier events that carry no personal data. */
const SAFE_PAYLOAD = ['dueAt', 'newDueAt', 'previousDueAt', 'clockStartAt', 'channel', 'procedureCode', 'timeLimit'];

export const supervisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;
  const staffNames = async () => new Map((await db.kysely.selectFrom('staff_user').select(['id', 'full_name']).execute()).map((s) => [s.id, maskName(s.full_name)]));

  app.get(
    '/late-dossiers',
    {
      ...reader,
      schema: {
        tags: ['supervision'],
        summary: 'Hồ sơ trễ hạn trong kỳ (so với ngày hẹn ban đầu), văn bản xin lỗi (mẫu 04) đã ký hoặc chờ ký, vi phạm',
        querystring: PeriodQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const period = parsePeriod(request.query.period, await cutoffRule(db.kysely, undefined));
      const asOf = clock.now().toISOString();
      const dossiers = await listReportDossiers(db.kysely, period.start, period.end);
      const late = dossiers
        .map((d) => ({ d, cols: columnsOf(d, period.start, period.end, asOf, 'original') }))
        .filter((x) => x.cols.includes('10') || x.cols.includes('13'));
      const ids = late.map((x) => x.d.id);
      // Form 04 apologies from the apology table (issue 4): signed ones, and drafts awaiting a leader's signature.
      const apologyRows = ids.length
        ? await db.kysely
            .selectFrom('apology')
            .select(['dossier_id', 'number', 'reason', 'drafted_at', 'signed_at', 'signer_title', 'previous_due_at', 'new_due_at'])
            .where('dossier_id', 'in', ids)
            .orderBy('drafted_at')
            .execute()
        : [];
      const rows = await (ids.length
        ? db.kysely.selectFrom('dossier').select(['id', 'original_due_at', 'extended_due_at', 'due_at', 'apology_status']).where('id', 'in', ids).execute()
        : Promise.resolve([]));
      const dues = new Map(rows.map((r) => [r.id, r]));
      const divisions = new Map((await db.kysely.selectFrom('division').select(['id', 'name']).execute()).map((d) => [d.id, d.name]));
      return {
        period: { key: period.key, label: period.label, firstDay: period.firstDay, lastDay: period.lastDay },
        asOf,
        basis: 'Trễ hạn so với ngày hẹn ban đầu ("không trễ hẹn"): cột 10 và 13 của Biểu số 06/VPCP/KSTT.',
        count: late.length,
        withApology: late.filter((x) => apologyRows.some((a) => a.dossier_id === x.d.id && a.signed_at !== null)).length,
        breaches: late.filter((x) => isBreach(true, dues.get(x.d.id)?.apology_status ?? null)).length,
        items: late.map(({ d, cols }) => {
          return {
            code: d.code,
            procedureName: d.procedureName,
            field: d.field,
            division: divisions.get(d.divisionId) ?? null,
            status: d.status,
            statusLabel: STATUS_LABEL_VI[d.status as Status] ?? d.status,
            state: cols.includes('10') ? 'finished_late' : 'open_overdue',
            receivedAt: d.receivedAt,
            originalDueAt: dues.get(d.id)?.original_due_at ?? null,
            extendedDueAt: dues.get(d.id)?.extended_due_at ?? null,
            finishedAt: d.finishedAt,
            breach: isBreach(true, dues.get(d.id)?.apology_status ?? null),
            apologies: apologyRows
              .filter((a) => a.dossier_id === d.id)
              .map((a) => ({
                number: a.number,
                status: a.signed_at === null ? 'drafted' : 'signed',
                draftedAt: a.drafted_at,
                signedAt: a.signed_at,
                signerTitle: a.signer_title,
                previousDueAt: a.previous_due_at,
                newDueAt: a.new_due_at,
                reason: a.reason ? maskDigitRuns(a.reason) : null,
              })),
          };
        }),
      };
    },
  );

  app.get(
    '/complaints',
    {
      ...reader,
      schema: {
        tags: ['supervision'],
        summary: 'Phản ánh, kiến nghị trong kỳ (thông tin cá nhân được che)',
        querystring: PeriodQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const period = parsePeriod(request.query.period);
      const rows = await listComplaintRows(db.kysely, { from: period.start, to: period.end });
      const names = await staffNames();
      const now = clock.now().toISOString();
      const items = rows.map((r) => presentComplaint(r, names, now, true));
      return {
        period: { key: period.key, label: period.label },
        total: items.length,
        answered: items.filter((i) => i.answeredAt !== null).length,
        overdue: items.filter((i) => i.overdue).length,
        items,
      };
    },
  );

  app.get(
    '/ratings',
    {
      ...reader,
      schema: { tags: ['supervision'], summary: 'Đánh giá mức độ hài lòng trong kỳ', querystring: PeriodQuery, response: { 200: Type.Unknown(), ...errorResponses } },
    },
    async (request) => {
      const period = parsePeriod(request.query.period);
      const r = await currentReportInputs.ratingSummary(db.kysely, period.start, period.end);
      if (r === null) return { period: period.key, status: 'pending_data', message: 'Chưa có dữ liệu đánh giá của người dân.' };
      return { period: period.key, status: 'computed', count: r.count, satisfied: r.satisfied, neutral: r.neutral, dissatisfied: r.dissatisfied };
    },
  );

  app.get(
    '/dossiers/:code/timeline',
    {
      ...reader,
      schema: {
        tags: ['supervision'],
        summary: 'Nhật ký xử lý (dòng thời gian) của một hồ sơ, thông tin cá nhân được che',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const d = await db.kysely
        .selectFrom('dossier')
        .select(['id', 'code', 'procedure_name', 'status', 'applicant_name', 'received_at', 'original_due_at', 'extended_due_at', 'due_at', 'result_ready_at', 'closed_at'])
        .where('code', '=', request.params.code)
        .executeTakeFirst();
      if (!d) throw notFound(`hồ sơ mã ${request.params.code}`);
      const events = await db.kysely.selectFrom('dossier_event').selectAll().where('dossier_id', '=', d.id).orderBy('seq').execute();
      return {
        code: d.code,
        procedureName: d.procedure_name,
        applicantName: maskName(d.applicant_name),
        status: d.status,
        statusLabel: STATUS_LABEL_VI[d.status as Status] ?? d.status,
        receivedAt: d.received_at,
        originalDueAt: d.original_due_at,
        extendedDueAt: d.extended_due_at,
        resultReadyAt: d.result_ready_at,
        closedAt: d.closed_at,
        timeline: events.map((e) => {
          const payload = JSON.parse(e.payload) as Record<string, unknown>;
          return {
            seq: e.seq,
            action: e.action,
            label: e.action in TRANSITIONS ? TRANSITIONS[e.action as Action].label : e.action,
            fromStatus: e.from_status,
            toStatus: e.to_status,
            actor: { role: e.actor_role, name: maskName(e.actor_name) },
            at: e.at,
            reason: e.reason === null ? null : maskDigitRuns(e.reason),
            details: Object.fromEntries(Object.entries(payload).filter(([k]) => SAFE_PAYLOAD.includes(k))),
          };
        }),
      };
    },
  );

  const present = (r: RecommendationRow, names: Map<number, string>, dossierCode: string | null, now: string) => ({
    code: r.code,
    title: r.title,
    content: r.content,
    dossierCode,
    status: r.status,
    statusLabel: RECOMMENDATION_STATUS_VI[r.status as RecommendationStatus],
    filedAt: r.filed_at,
    filedBy: names.get(r.filed_by) ?? null,
    dueAt: r.due_at,
    overdue: isOverdue(r.due_at, r.answered_at, now),
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by === null ? null : (names.get(r.answered_by) ?? null),
    answeredOnTime: r.answered_at === null ? null : r.answered_at <= r.due_at,
    closedAt: r.closed_at,
    closingNote: r.closing_note,
  });
  const dossierCodeOf = async (id: number | null) =>
    id === null ? null : ((await db.kysely.selectFrom('dossier').select('code').where('id', '=', id).executeTakeFirst())?.code ?? null);

  app.get(
    '/recommendations',
    {
      ...reader,
      schema: {
        tags: ['supervision'],
        summary: 'Kiến nghị giám sát của Ủy ban MTTQ: trạng thái, hạn trả lời, cờ quá hạn',
        querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('filed'), Type.Literal('answered'), Type.Literal('closed')])) }),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      let q = db.kysely.selectFrom('supervision_recommendation as r').leftJoin('dossier as d', 'd.id', 'r.dossier_id').selectAll('r').select('d.code as dossier_code');
      if (request.query.status) q = q.where('r.status', '=', request.query.status);
      const rows = await q.orderBy('r.filed_at', 'desc').execute();
      const names = await staffNames();
      const now = clock.now().toISOString();
      const items = rows.map((r) => present(r, names, r.dossier_code, now));
      return {
        answerDays: await recommendationDays(db.kysely),
        source: RECOMMENDATION_TIME_LIMIT_SOURCE,
        total: items.length,
        open: items.filter((i) => i.status === 'filed').length,
        overdue: items.filter((i) => i.overdue && i.status === 'filed').length,
        items,
      };
    },
  );

  app.get(
    '/recommendations/:code',
    {
      ...reader,
      schema: {
        tags: ['supervision'],
        summary: 'Chi tiết một kiến nghị giám sát và lịch sử',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const r = await getRecommendation(db.kysely, request.params.code);
      const names = await staffNames();
      const history = await db.kysely
        .selectFrom('audit_log')
        .select(['at', 'action', 'actor_id', 'actor_role'])
        .where('entity', '=', 'supervision_recommendation')
        .where('entity_id', '=', r.code)
        .orderBy('id')
        .execute();
      return {
        ...present(r, names, await dossierCodeOf(r.dossier_id), clock.now().toISOString()),
        dueExplanation: JSON.parse(r.due_explanation),
        history: history.map((h) => ({ at: h.at, action: h.action, role: h.actor_role, actor: h.actor_id === null ? null : names.get(h.actor_id) })),
      };
    },
  );

  const TextBody = (field: string, min: number, max: number) => Type.Object({ [field]: Type.String({ minLength: min, maxLength: max }) }, { additionalProperties: false });

  app.post(
    '/recommendations',
    {
      ...reader,
      schema: {
        tags: ['supervision'],
        summary: 'Ủy ban MTTQ gửi kiến nghị giám sát; phường phải trả lời trong hạn (ngày làm việc)',
        body: Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 200 }),
            content: Type.String({ minLength: 1, maxLength: 8000 }),
            dossierCode: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['supervisor']);
      const calendar = await app.calendars.current();
      const r = await db.kysely.transaction().execute((trx) => fileRecommendation({ db: trx, clock, calendar }, actor, request.body));
      return reply.status(201).send(present(r, await staffNames(), await dossierCodeOf(r.dossier_id), clock.now().toISOString()));
    },
  );

  app.post(
    '/recommendations/:code/answer',
    {
      ...reader,
      schema: {
        tags: ['supervision'],
        summary: 'Lãnh đạo UBND phường trả lời kiến nghị giám sát',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        body: TextBody('answer', 1, 8000),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['leader']);
      const calendar = await app.calendars.current();
      const body = request.body as { answer: string };
      const r = await db.kysely.transaction().execute((trx) => answerRecommendation({ db: trx, clock, calendar }, actor, request.params.code, body.answer));
      return present(r, await staffNames(), await dossierCodeOf(r.dossier_id), clock.now().toISOString());
    },
  );

  app.post(
    '/recommendations/:code/close',
    {
      ...reader,
      schema: {
        tags: ['supervision'],
        summary: 'Ủy ban MTTQ kết thúc giám sát sau khi nhận trả lời',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['supervisor']);
      const calendar = await app.calendars.current();
      const r = await db.kysely.transaction().execute((trx) => closeRecommendation({ db: trx, clock, calendar }, actor, request.params.code, request.body?.note));
      return present(r, await staffNames(), await dossierCodeOf(r.dossier_id), clock.now().toISOString());
    },
  );

};
