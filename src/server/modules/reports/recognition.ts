import type { Kysely } from 'kysely';
import { computeBieu06, counts } from '../../../domain/report/bieu06.ts';
import type { ReportPeriod } from '../../../domain/report/period.ts';
import { leaderboard, type StaffFacts, type StaffScore } from '../../../domain/report/recognition.ts';
import type { Database } from '../../db/schema.ts';
import { complaintOnTime } from './monitoring.routes.ts';
import type { ReportInputs } from './report-inputs.ts';
import { listReportDossiers } from './report.repository.ts';

/** Per-officer facts of a period: their steps' outcomes, supplement requests and overrides, extensions, ratings. */
export async function staffLeaderboard(db: Kysely<Database>, period: ReportPeriod, inputs: ReportInputs): Promise<(StaffScore & { fullName: string; title: string })[]> {
  const steps = await db
    .selectFrom('dossier_step')
    .select(['dossier_id', 'handler_id', 'outcome'])
    .where('handler_id', 'is not', null)
    .where('outcome', 'is not', null)
    .where('completed_at', '>=', period.start)
    .where('completed_at', '<', period.end)
    .execute();
  const facts = new Map<number, StaffFacts & { dossiers: Set<number> }>();
  const of = (id: number) =>
    facts.get(id) ??
    facts
      .set(id, { staffId: id, stepsFinished: 0, stepsOnTime: 0, dossiersHandled: 0, supplementRequests: 0, overrides: 0, extensions: 0, rated: null, satisfied: null, dossiers: new Set() })
      .get(id)!;
  for (const s of steps) {
    const f = of(s.handler_id!);
    f.stepsFinished++;
    if (s.outcome === 'early' || s.outcome === 'on_time') f.stepsOnTime++;
    f.dossiers.add(s.dossier_id);
  }
  // Supplement requests by the officer in the period; a request on a dossier that already had one is an override.
  const requests = await db
    .selectFrom('dossier_event')
    .select(['dossier_id', 'actor_id', 'at'])
    .where('action', '=', 'request_supplement')
    .where('at', '<', period.end)
    .orderBy('at')
    .execute();
  const seen = new Set<number>();
  for (const r of requests) {
    const override = seen.has(r.dossier_id);
    seen.add(r.dossier_id);
    if (r.at < period.start || r.actor_id === null || !facts.has(r.actor_id)) continue;
    const f = of(r.actor_id);
    f.supplementRequests++;
    if (override) f.overrides++;
  }
  const apologies = (await inputs.listApologies(db, period.start, period.end)).filter((a) => a.status === 'signed');
  for (const f of facts.values()) {
    f.dossiersHandled = f.dossiers.size;
    f.extensions = apologies.filter((a) => f.dossiers.has(a.dossierId) || a.handlerId === f.staffId).length;
  }
  const ratings = await inputs.ratingSummary(db, period.start, period.end);
  if (ratings !== null) {
    for (const [id, r] of ratings.byHandler) {
      if (!facts.has(id)) continue;
      const f = of(id);
      f.rated = r.count;
      f.satisfied = r.satisfied;
    }
  }
  const staff = new Map((await db.selectFrom('staff_user').select(['id', 'full_name', 'title']).execute()).map((s) => [s.id, s]));
  return leaderboard([...facts.values()].map(({ dossiers: _d, ...f }) => f)).map((s) => ({
    ...s,
    fullName: staff.get(s.staffId)?.full_name ?? '',
    title: staff.get(s.staffId)?.title ?? '',
  }));
}

export interface PeriodFigures {
  received: number;
  finished: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
  openOverdue: number;
  apologies: number;
  supplemented: number;
  supplementRate: number | null;
  overrides: number;
  complaints: number | null;
  complaintsOnTime: number | null;
  ratings: number | null;
  satisfied: number | null;
}

/** The figures of the "sơ kết / tổng kết" review (DOMAIN.md 13: on-time rate, apologies, single supplement, satisfaction, complaints). */
export async function periodFigures(db: Kysely<Database>, period: ReportPeriod, inputs: ReportInputs, asOf: string): Promise<PeriodFigures> {
  const dossiers = await listReportDossiers(db, period.start, period.end);
  const c = counts(computeBieu06(dossiers, period, asOf, 'original').total);
  const received = dossiers.filter((d) => d.receivedAt >= period.start && d.receivedAt < period.end);
  const apologies = (await inputs.listApologies(db, period.start, period.end)).filter((a) => a.status === 'signed');
  const complaints = await inputs.listComplaints(db, period.start, period.end);
  const ratings = await inputs.ratingSummary(db, period.start, period.end);
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : null);
  const end = asOf < period.end ? asOf : period.end;
  return {
    received: c['4'] + c['5'],
    finished: c['7'],
    onTime: c['8'] + c['9'],
    late: c['10'],
    onTimeRate: pct(c['8'] + c['9'], c['7']),
    openOverdue: c['13'],
    apologies: apologies.length,
    supplemented: received.filter((d) => d.supplementCount > 0).length,
    supplementRate: pct(received.filter((d) => d.supplementCount > 0).length, received.length),
    overrides: received.filter((d) => d.supplementCount > 1).length,
    complaints: complaints === null ? null : complaints.length,
    complaintsOnTime: complaints === null ? null : complaints.filter((x) => complaintOnTime(x, end)).length,
    ratings: ratings?.count ?? null,
    satisfied: ratings?.satisfied ?? null,
  };
}
