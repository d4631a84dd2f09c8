import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type Outcome, vnDay } from '../../../domain/dossier/timeliness.ts';
import { DomainError } from '../../../domain/errors.ts';
import { computeBieu06, columnsOf, counts } from '../../../domain/report/bieu06.ts';
import {
  BODY_CLASS_VI,
  dossierIndicators,
  type DossierIndicators,
  evaluateBody,
  evaluateOfficers,
  OFFICER_CLASS_VI,
} from '../../../domain/report/evaluation.ts';
import { compute766 } from '../../../domain/report/index766.ts';
import { CUTOFF_RULES, parsePeriod, type ReportPeriod } from '../../../domain/report/period.ts';
import { maskName } from '../../../domain/text.ts';
import type { Database } from '../../db/schema.ts';
import { requireActor } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import { type ComplaintFact, currentReportInputs, type ReportInputs } from './report-inputs.ts';
import { listCounters } from '../queue/queue.repository.ts';
import { queueStats } from '../queue/queue-stats.ts';
import { isBreach } from '../three-khong/breach.ts';
import { ROOT_CAUSE_VI, UNKNOWN_CAUSE } from '../three-khong/root-causes.ts';
import { listReportDossiers } from './report.repository.ts';
import { bieu06Totals } from './bieu06.report.ts';
import { cutoffRule, REPORT_ROLES } from './reports.routes.ts';

const reportReader = { preValidation: async (request: FastifyRequest) => void requireActor(request, REPORT_ROLES) };
const Query = Type.Object({
  period: Type.String({ minLength: 4, maxLength: 10 }),
  cutoff: Type.Optional(Type.Union(CUTOFF_RULES.map((c) => Type.Literal(c)))),
});
const DAY_MS = 86_400_000;

async function stepOutcomes(db: Kysely<Database>, ids: number[]): Promise<Map<number, Outcome[]>> {
  const out = new Map<number, Outcome[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('dossier_step')
      .select(['dossier_id', 'outcome'])
      .where('dossier_id', 'in', ids.slice(i, i + 500))
      .where('outcome', 'is not', null)
      .execute();
    for (const r of rows) out.set(r.dossier_id, [...(out.get(r.dossier_id) ?? []), r.outcome as Outcome]);
  }
  return out;
}

async function staffNames(db: Kysely<Database>) {
  const rows = await db.selectFrom('staff_user').select(['id', 'full_name', 'division_id']).execute();
  return new Map(rows.map((r) => [r.id, { name: r.full_name, divisionId: r.division_id }]));
}

/** Evaluation per Circular 01/2018 of the dossiers finished in a period (quarterly and yearly, Art 15(4)). */
/** A PAKN counts as handled on time when answered by its due moment, or still open and within it (766 5.2). */
export function complaintOnTime(c: ComplaintFact, asOf: string): boolean {
  return c.answeredAt === null ? asOf <= c.dueAt : c.answeredAt <= c.dueAt;
}

export async function evaluation(db: Kysely<Database>, period: ReportPeriod, inputs: ReportInputs, asOf: string = new Date().toISOString()) {
  const all = await listReportDossiers(db, period.start, period.end);
  const finished = all.filter((d) => d.finishedAt !== null && d.finishedAt < period.end);
  const steps = await stepOutcomes(db, finished.map((d) => d.id));
  const complaints = await inputs.listComplaints(db, period.start, period.end);
  const perDossier = finished
    .map((d) =>
      dossierIndicators({
        ...d,
        stepOutcomes: steps.get(d.id) ?? [],
        substantiatedComplaint: complaints === null ? null : complaints.some((c) => c.dossierId === d.id && c.substantiated === true),
      }),
    )
    .filter((x): x is DossierIndicators => x !== null);
  const procedures = await db.selectFrom('procedure').select(['channels']).where('is_active', '=', 1).execute();
  const online = procedures.filter((p) => (JSON.parse(p.channels) as string[]).includes('online')).length;
  const received = all.filter((d) => d.receivedAt >= period.start);
  const complaintRate =
    complaints === null ? null : complaints.length === 0 ? 1 : complaints.filter((c) => complaintOnTime(c, asOf)).length / complaints.length;
  const body = evaluateBody(perDossier, {
    publicity: null,
    complaintsOnTimeRate: complaintRate,
    onlineProcedureShare: procedures.length ? online / procedures.length : 0,
    onlineDossierShare: received.length ? received.filter((d) => d.channel === 'online').length / received.length : 0,
  });
  return { perDossier, officers: evaluateOfficers(perDossier), body };
}

export function monitoringRoutes(inputs: ReportInputs = currentReportInputs): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { db, clock } = app.deps;

    app.get(
      '/api/reports/evaluation',
      {
        ...reportReader,
        schema: {
          tags: ['reports'],
          summary: 'Đánh giá giải quyết TTHC theo Thông tư 01/2018/TT-VPCP: theo hồ sơ, cán bộ (10 điểm) và cơ quan (18 điểm)',
          querystring: Query,
          response: { 200: Type.Unknown(), ...errorResponses },
        },
      },
      async (request) => {
        const period = parsePeriod(request.query.period, await cutoffRule(db.kysely, request.query.cutoff));
        if (period.kind === 'month' || period.kind === 'half') {
          throw new DomainError('VALIDATION_ERROR', 'Đánh giá theo Thông tư 01/2018 lập theo quý (2026-Q3) hoặc năm (2026) (period).', { field: 'period' });
        }
        const { perDossier, officers, body } = await evaluation(db.kysely, period, inputs, clock.now().toISOString());
        const names = await staffNames(db.kysely);
        return {
          period: { key: period.key, label: period.label, firstDay: period.firstDay, lastDay: period.lastDay },
          legalBasis: 'Thông tư 01/2018/TT-VPCP, Điều 12–15',
          dossiers: perDossier,
          officers: officers
            .map((o) => ({ ...o, fullName: names.get(o.handlerId)?.name ?? '', classificationLabel: OFFICER_CLASS_VI[o.classification] }))
            .sort((a, b) => b.score - a.score),
          body: { ...body, classificationLabel: BODY_CLASS_VI[body.classification] },
          notes: [
            'Chỉ tiêu 6 (công khai) do phường tự khai báo: chưa khai báo nên không tính.',
            'Chỉ tiêu 7 và 8 dùng dữ liệu phản ánh, kiến nghị; khi chưa có dữ liệu, chỉ tiêu 7 tính theo thời hạn và chỉ tiêu 8 không tính.',
          ],
        };
      },
    );

    app.get(
      '/api/reports/766',
      {
        ...reportReader,
        schema: {
          tags: ['reports'],
          summary: 'Tự đánh giá Bộ chỉ số 766/QĐ-TTg: các chỉ tiêu đo được bằng dữ liệu của phường, hồ sơ làm giảm điểm',
          querystring: Query,
          response: { 200: Type.Unknown(), ...errorResponses },
        },
      },
      async (request) => {
        const period = parsePeriod(request.query.period, await cutoffRule(db.kysely, request.query.cutoff));
        const dossiers = await listReportDossiers(db.kysely, period.start, period.end);
        const now = clock.now().toISOString();
        const bieu06 = computeBieu06(dossiers, period, now, 'original');
        const finished = dossiers.filter((d) => d.finishedAt !== null && d.finishedAt < period.end);
        const avg = finished.length
          ? Math.round((finished.reduce((a, d) => a + (Date.parse(d.finishedAt!) - Date.parse(d.receivedAt)), 0) / finished.length / DAY_MS) * 10) / 10
          : null;
        const procedures = await db.kysely.selectFrom('procedure').select(['code', 'channels']).execute();
        const onlineCodes = new Set(procedures.filter((p) => (JSON.parse(p.channels) as string[]).includes('online')).map((p) => p.code));
        const receivedInPeriod = dossiers.filter((d) => d.receivedAt >= period.start);
        const eligible = receivedInPeriod.filter((d) => onlineCodes.has(d.procedureCode));
        const ratings = await inputs.ratingSummary(db.kysely, period.start, period.end);
        const complaints = await inputs.listComplaints(db.kysely, period.start, period.end);
        const idToCode = new Map(dossiers.map((d) => [d.id, d.code]));
        const complained =
          complaints === null
            ? null
            : [
                ...(ratings?.dissatisfiedDossierIds ?? []).map((id) => idToCode.get(id)),
                ...complaints.filter((c) => c.dossierId !== null).map((c) => idToCode.get(c.dossierId!)),
              ].filter((x): x is string => x !== undefined);
        const result = compute766({
          bieu06,
          averageProcessingDays: avg,
          onlineEligible: eligible.map((d) => d.code),
          onlineReceived: eligible.filter((d) => d.channel === 'online').map((d) => d.code),
          complainedOrDisliked: complained,
          ratingsPending: ratings === null,
          complaints:
            complaints === null
              ? null
              : (() => {
                  const late = complaints.filter((c) => !complaintOnTime(c, now)).map((c) => c.trackingCode);
                  return { total: complaints.length, onTime: complaints.length - late.length, late };
                })(),
        });
        return {
          period: { key: period.key, label: period.label, firstDay: period.firstDay, lastDay: period.lastDay },
          legalBasis: 'Quyết định 766/QĐ-TTg ngày 23/6/2022',
          ...result,
          statement:
            'Điểm tự đánh giá chỉ gồm các chỉ tiêu đo được bằng dữ liệu của phường; các chỉ tiêu "national_data" cần số liệu Cổng Dịch vụ công quốc gia, "pending_data" chờ dữ liệu phường chưa ghi nhận.',
        };
      },
    );

    app.get(
      '/api/reports/dashboard',
      {
        ...reportReader,
        schema: {
          tags: ['reports'],
          summary: 'Bảng theo dõi: tỷ lệ đúng hạn, hồ sơ sắp/đã quá hạn, bổ sung, gia hạn, theo phòng và cán bộ, theo tháng',
          querystring: Query,
          response: { 200: Type.Unknown(), ...errorResponses },
        },
      },
      async (request) => {
        const period = parsePeriod(request.query.period, await cutoffRule(db.kysely, request.query.cutoff));
        const now = clock.now();
        const dossiers = await listReportDossiers(db.kysely, period.start, period.end);
        const names = await staffNames(db.kysely);
        const divisions = new Map((await db.kysely.selectFrom('division').select(['id', 'code', 'name']).execute()).map((d) => [d.id, d]));
        const apologies = await inputs.listApologies(db.kysely, period.start, period.end);
        const ratings = await inputs.ratingSummary(db.kysely, period.start, period.end);
        const complaints = await inputs.listComplaints(db.kysely, period.start, period.end);
        const asOf = now.toISOString();
        type Acc = { finished: number; onTime: number; late: number; open: number; overdue: number; received: number; supplemented: number; overrides: number; extensions: number };
        const acc = (): Acc => ({ finished: 0, onTime: 0, late: 0, open: 0, overdue: 0, received: 0, supplemented: 0, overrides: 0, extensions: 0 });
        const total = acc();
        const byDivision = new Map<number, Acc>();
        const byOfficer = new Map<number, Acc>();
        const lateIds: number[] = [];
        for (const d of dossiers) {
          const cols = columnsOf(d, period.start, period.end, asOf, 'original');
          if (cols.length === 0) continue;
          if (cols.includes('10') || cols.includes('13')) lateIds.push(d.id);
          const targets = [total, byDivision.get(d.divisionId) ?? byDivision.set(d.divisionId, acc()).get(d.divisionId)!];
          if (d.handlerId !== null) targets.push(byOfficer.get(d.handlerId) ?? byOfficer.set(d.handlerId, acc()).get(d.handlerId)!);
          for (const a of targets) {
            if (cols.includes('7')) a.finished++;
            if (cols.includes('8') || cols.includes('9')) a.onTime++;
            if (cols.includes('10')) a.late++;
            if (cols.includes('11')) a.open++;
            if (cols.includes('13')) a.overdue++;
            if (!cols.includes('6')) {
              a.received++;
              if (d.supplementCount > 0) a.supplemented++;
              if (d.supplementCount > 1) a.overrides++;
            }
            if (d.extensionCount > 0) a.extensions++;
          }
        }
        const rates = (a: Acc) => ({
          ...a,
          onTimeRate: a.finished ? Math.round((a.onTime / a.finished) * 1000) / 10 : null,
          supplementRate: a.received ? Math.round((a.supplemented / a.received) * 1000) / 10 : null,
        });
        // Open dossiers right now: overdue, or due before the end of the next working day (T−1, DOMAIN.md 17.5).
        const calendar = await app.calendars.current();
        const horizon = calendar.dueDate(now, { value: 1, unit: 'working_days' }).dueAt;
        const open = await db.kysely
          .selectFrom('dossier')
          .select(['code', 'procedure_name', 'division_id', 'handler_id', 'due_at', 'status'])
          .where('received_at', 'is not', null)
          .where('result_ready_at', 'is', null)
          .where('closed_at', 'is', null)
          .where('status', '!=', 'supplement_requested')
          .where('due_at', '<=', horizon)
          .orderBy('due_at')
          .execute();
        const months: { month: string; received: number; finished: number; onTimeRate: number | null }[] = [];
        if (period.kind !== 'month') {
          for (let m = Number(period.firstDay.slice(5, 7)), y = Number(period.firstDay.slice(0, 4)); months.length < 12; m++) {
            if (m > 12) {
              m = 1;
              y++;
            }
            const p = parsePeriod(`${y}-${String(m).padStart(2, '0')}`, 'calendar');
            if (p.start >= period.end) break;
            const c = counts(computeBieu06(dossiers.filter((d) => d.receivedAt < p.end), p, asOf, 'original').total);
            months.push({ month: p.key, received: c['4'] + c['5'], finished: c['7'], onTimeRate: c['7'] ? Math.round(((c['8'] + c['9']) / c['7']) * 1000) / 10 : null });
          }
        }
        // Late dossiers of the period (Biểu 06 columns 10 and 13, original appointment): breaches and root causes.
        const lateFacts = await inputs.lateDossierFacts(db.kysely, lateIds);
        const breachIds = lateIds.filter((id) => isBreach(true, lateFacts.get(id)?.apologyStatus ?? null));
        const byCause = new Map<string, number>();
        for (const id of lateIds) {
          const cause = lateFacts.get(id)?.rootCause ?? UNKNOWN_CAUSE;
          byCause.set(cause, (byCause.get(cause) ?? 0) + 1);
        }
        const codeOf = new Map(dossiers.map((d) => [d.id, d.code]));
        const tickets = await inputs.listTickets(db.kysely, period.firstDay, period.lastDay);
        const counters = await listCounters(db.kysely);
        const queue = queueStats(tickets, new Map(counters.map((c) => [c.id, c.name])), new Map([...names].map(([id, n]) => [id, n.name])));
        return {
          period: { key: period.key, label: period.label, firstDay: period.firstDay, lastDay: period.lastDay },
          asOf,
          total: rates(total),
          byDivision: [...byDivision.entries()].map(([id, a]) => ({ divisionId: id, code: divisions.get(id)?.code, name: divisions.get(id)?.name, ...rates(a) })),
          byOfficer: [...byOfficer.entries()].map(([id, a]) => ({ staffId: id, fullName: names.get(id)?.name ?? '', ...rates(a) })),
          monthly: months,
          atRiskNow: open.map((d) => ({
            code: d.code,
            procedureName: d.procedure_name,
            division: divisions.get(d.division_id)?.code,
            handler: d.handler_id === null ? null : (names.get(d.handler_id)?.name ?? null),
            dueAt: d.due_at,
            overdue: d.due_at !== null && d.due_at < asOf,
          })),
          apologies: {
            count: apologies.length,
            signed: apologies.filter((a) => a.status === 'signed').length,
            awaitingSignature: apologies.filter((a) => a.status === 'drafted').length,
          },
          breaches: { count: breachIds.length, codes: breachIds.map((id) => codeOf.get(id)!) },
          lateByRootCause: {
            late: lateIds.length,
            items: [...byCause.entries()]
              .map(([cause, count]) => ({ cause, label: ROOT_CAUSE_VI[cause] ?? cause, count }))
              .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'vi')),
          },
          ratings: ratings === null ? { status: 'pending_data', message: 'Chưa có dữ liệu đánh giá' } : { count: ratings.count, satisfied: ratings.satisfied, dissatisfied: ratings.dissatisfied },
          complaints:
            complaints === null
              ? { status: 'pending_data', message: 'Chưa có dữ liệu phản ánh, kiến nghị' }
              : {
                  received: complaints.length,
                  byCategory: Object.fromEntries(['procedure', 'staff', 'other'].map((k) => [k, complaints.filter((c) => c.category === k).length])),
                  answered: complaints.filter((c) => c.answeredAt !== null).length,
                  onTimeOrWithinTime: complaints.filter((c) => complaintOnTime(c, asOf)).length,
                  overdue: complaints.filter((c) => !complaintOnTime(c, asOf)).length,
                  substantiated: complaints.filter((c) => c.substantiated === true).length,
                  linkedToDossier: complaints.filter((c) => c.dossierId !== null).length,
                },
          queueWaiting:
            tickets.length === 0
              ? { status: 'pending_data', message: 'Chưa có phiếu lấy số thứ tự trong kỳ' }
              : { issued: queue.issued, overall: queue.overall, perCounter: queue.perCounter, perOfficer: queue.perOfficer },
        };
      },
    );

    // Public transparency board (no login, small server-rendered HTML): names masked (Decree 13/2023 on personal data).
    // ?nam=2025 shows an earlier year; the current year by default.
    app.get(
      '/cong-khai',
      { schema: { hide: true, querystring: Type.Object({ nam: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }) } },
      async (request, reply) => {
        const now = clock.now();
        const asOf = now.toISOString();
        const thisYear = Number(vnDay(asOf).slice(0, 4));
        const year = request.query.nam ?? thisYear;
        if (year > thisYear) throw new DomainError('VALIDATION_ERROR', `Năm (nam) ${year} chưa đến: chỉ công khai số liệu đến năm ${thisYear}.`, { field: 'nam' });
        const period = parsePeriod(String(year), 'calendar');
        // The years that have dossiers, for the links at the foot of the page.
        const first = await db.kysely.selectFrom('dossier').select((eb) => eb.fn.min('received_at').as('at')).executeTakeFirst();
        const firstYear = first?.at ? Number(vnDay(String(first.at)).slice(0, 4)) : thisYear;
        const years = Array.from({ length: Math.max(0, thisYear - Math.min(firstYear, thisYear) + 1) }, (_, i) => thisYear - i);
        // Counts only: the SQL aggregate (bieu06.sql.ts), per month as for the year.
        const c = await bieu06Totals(db.kysely, period, asOf);
        const monthly: string[] = [];
        for (let m = 1; m <= 12; m++) {
          const p = parsePeriod(`${year}-${String(m).padStart(2, '0')}`, 'calendar');
          if (p.start > asOf) break;
          const mc = await bieu06Totals(db.kysely, p, asOf);
          const rate = mc['7'] ? `${(((mc['8'] + mc['9']) / mc['7']) * 100).toFixed(1)}%` : '—';
          monthly.push(`<tr><td>${m}/${year}</td><td>${mc['4'] + mc['5']}</td><td>${mc['7']}</td><td>${rate}</td></tr>`);
        }
        // Only signed form 04 apologies are issued to the applicant; drafts awaiting signature are internal.
        const apologies = (await inputs.listApologies(db.kysely, period.start, period.end)).filter((a) => a.status === 'signed');
        const ratings = await inputs.ratingSummary(db.kysely, period.start, period.end);
        const ward = await db.kysely.selectFrom('setting').select('value').where('key', '=', 'ward').executeTakeFirst();
        const wardName = ward ? (JSON.parse(ward.value) as { name?: string }).name ?? '' : '';
        const rate = c['7'] ? `${(((c['8'] + c['9']) / c['7']) * 100).toFixed(1)}%` : '—';
        const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
        const fmt = (iso: string) => vnDay(iso).split('-').reverse().join('/');
        const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Công khai kết quả giải quyết TTHC — ${esc(wardName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}.big{font-size:2rem;font-weight:700}</style></head>
<body><h1>Công khai kết quả giải quyết thủ tục hành chính</h1><p>${esc(wardName)} — năm ${year}, số liệu ${year === thisYear ? `đến ${fmt(asOf)}` : 'cả năm'}.</p>
<h2>Tỷ lệ giải quyết đúng hạn</h2><p class="big">${rate}</p><p>${c['8'] + c['9']} / ${c['7']} hồ sơ đã giải quyết đúng hoặc trước hạn (tính theo ngày hẹn ban đầu); ${c['11']} hồ sơ đang giải quyết, trong đó ${c['13']} quá hạn.</p>
<h2>Theo tháng</h2><table><thead><tr><th>Tháng</th><th>Tiếp nhận</th><th>Đã giải quyết</th><th>Đúng hạn</th></tr></thead><tbody>${monthly.join('')}</tbody></table>
<h2>Văn bản xin lỗi đã ban hành</h2>${apologies.length === 0 ? '<p>Không có.</p>' : `<table><thead><tr><th>Ngày</th><th>Mã hồ sơ</th><th>Người nộp</th><th>Hẹn mới</th></tr></thead><tbody>${apologies.map((a) => `<tr><td>${fmt(a.signedAt!)}</td><td>${esc(a.dossierCode)}</td><td>${esc(maskName(a.applicantName))}</td><td>${fmt(a.newDueAt)}</td></tr>`).join('')}</tbody></table>`}
<h2>Đánh giá của người dân</h2>${ratings === null ? '<p>Chưa có dữ liệu.</p>' : `<p>${ratings.count} lượt đánh giá: ${ratings.satisfied} hài lòng, ${ratings.neutral} bình thường, ${ratings.dissatisfied} không hài lòng.</p>`}
${years.length > 1 ? `<nav aria-label="Các năm"><p>Xem năm: ${years.map((y) => (y === year ? `<strong>${y}</strong>` : `<a href="/cong-khai${y === thisYear ? '' : `?nam=${y}`}">${y}</a>`)).join(' · ')}</p></nav>` : ''}
</body></html>`;
        return reply.type('text/html; charset=utf-8').send(html);
      },
    );
  };
}
