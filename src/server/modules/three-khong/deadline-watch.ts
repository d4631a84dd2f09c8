import type { Kysely } from 'kysely';
import { forecastShortfall, riskLevel, SEVERITY, WARNING_LABEL_VI, type WarningLevel } from '../../../domain/dossier/deadline.ts';
import { vnDay } from '../../../domain/dossier/timeliness.ts';
import type { WorkingCalendar } from '../../../domain/calendar/working-calendar.ts';
import { STAGES, type Stage } from '../../../domain/procedure/procedure.ts';
import type { Database } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/job.repository.ts';
import { formatInstantVi, localDateTime } from './format.ts';
import { activeUserIds, notify } from './notifications.ts';
import type { ThreeKhongRules } from './rules.ts';

/**
 * Deadline watch ("không trễ hẹn", DOMAIN.md 12, 17.5; DESIGN.md 3): every open dossier and its open step are
 * re-evaluated after each event and on a schedule. A warning is a row, unique per dossier/step, level and
 * appointment, so a missed tick or a restart never loses one and a second sweep never repeats one.
 */
export interface NewWarning {
  id: number;
  dossierCode: string;
  stepId: number;
  level: WarningLevel;
  dueAt: string;
}

/** Open = the appointment clock runs: received, not finished, not closed, not waiting for a supplement. */
function openDossiers(db: Kysely<Database>) {
  return db
    .selectFrom('dossier')
    .where('closed_at', 'is', null)
    .where('result_ready_at', 'is', null)
    .where('due_at', 'is not', null)
    .where('status', '!=', 'supplement_requested');
}

export async function evaluateDossier(
  db: Kysely<Database>,
  calendar: WorkingCalendar,
  rules: ThreeKhongRules,
  dossierId: number,
  now: Date,
): Promise<NewWarning[]> {
  const d = await openDossiers(db).selectAll().where('id', '=', dossierId).executeTakeFirst();
  if (!d || d.due_at === null) return [];
  const due = new Date(d.due_at);
  const found: { stepId: number; level: WarningLevel; dueAt: string; details: Record<string, unknown> }[] = [];
  const level = riskLevel(calendar, now, due, rules.deadline.dueSoonWorkingDays);
  if (level) found.push({ stepId: 0, level, dueAt: d.due_at, details: { scope: 'dossier', apologyStatus: d.apology_status ?? null } });

  const step = await db.selectFrom('dossier_step').selectAll().where('dossier_id', '=', d.id).where('completed_at', 'is', null).executeTakeFirst();
  if (step) {
    // A step lasts hours, not days: "sắp đến hạn" for a step is the last quarter of its allotment, at most the dossier threshold.
    const allotted = Math.max(0, calendar.workingMinutesBetween(new Date(step.started_at), new Date(step.due_at)));
    const soonMinutes = Math.min(rules.deadline.dueSoonWorkingDays * calendar.minutesPerWorkingDay, Math.floor(allotted / 4));
    const stepDue = new Date(step.due_at);
    let stepLevel: WarningLevel | null = null;
    if (now.getTime() > stepDue.getTime()) stepLevel = 'overdue';
    else if (vnDay(now.toISOString()) === vnDay(step.due_at) && calendar.workingMinutesBetween(now, stepDue) <= soonMinutes) stepLevel = 'due_today';
    else if (calendar.workingMinutesBetween(now, stepDue) <= soonMinutes) stepLevel = 'due_soon';
    if (stepLevel) found.push({ stepId: step.id, level: stepLevel, dueAt: step.due_at, details: { scope: 'step', stage: step.stage, name: step.name } });

    // Forecast: what is left of this step plus the hours the procedure allots to the later stages.
    const later = STAGES.slice(STAGES.indexOf(step.stage as Stage) + 1);
    const hours = later.length
      ? await db
          .selectFrom('procedure_step')
          .select('hours')
          .where('procedure_id', '=', d.procedure_id)
          .where('stage', 'in', later)
          .execute()
      : [];
    const needed = Math.max(0, calendar.workingMinutesBetween(now, stepDue)) + Math.round(hours.reduce((s, h) => s + h.hours, 0) * 60);
    const shortfall = forecastShortfall(calendar, now, due, needed);
    if (shortfall > 0 && level !== 'overdue') {
      found.push({ stepId: 0, level: 'forecast_late', dueAt: d.due_at, details: { scope: 'dossier', neededMinutes: needed, shortfallMinutes: shortfall } });
    }
  }

  const created: NewWarning[] = [];
  for (const w of found) {
    const r = await db
      .insertInto('deadline_warning')
      .values({ dossier_id: d.id, step_id: w.stepId, level: w.level, due_at: w.dueAt, detected_at: now.toISOString(), details: JSON.stringify(w.details), escalated_at: null })
      .onConflict((oc) => oc.columns(['dossier_id', 'step_id', 'level', 'due_at']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!r) continue;
    created.push({ id: r.id, dossierCode: d.code, stepId: w.stepId, level: w.level, dueAt: w.dueAt });
    // Who hears of it: the handler and the division head always; the leader from "due today" on (and for forecasts).
    const recipients = new Set<number>();
    if (d.handler_id !== null) recipients.add(d.handler_id);
    else if (step && (step.role === 'reception' || step.role === 'specialist')) {
      for (const id of await activeUserIds(db, { roles: [step.role], divisionId: step.role === 'reception' ? undefined : d.division_id })) recipients.add(id);
    }
    for (const id of await activeUserIds(db, { roles: ['division_head'], divisionId: d.division_id })) recipients.add(id);
    if (w.level !== 'due_soon') for (const id of await activeUserIds(db, { roles: ['leader'] })) recipients.add(id);
    const scope = w.stepId === 0 ? 'Hồ sơ' : `Bước "${String(w.details.name)}" của hồ sơ`;
    for (const userId of recipients) {
      await notify(
        db,
        {
          userId,
          kind: `deadline.${w.level}`,
          title: `${WARNING_LABEL_VI[w.level]}: ${d.code}`,
          body: `${scope} ${d.code} (${d.procedure_name}) — hạn ${formatInstantVi(w.dueAt)}.${
            w.level === 'forecast_late' ? ' Thời gian còn lại không đủ cho các bước còn lại; cần dự thảo văn bản xin lỗi, gia hạn (mẫu 04) chậm nhất 1 ngày làm việc trước hạn.' : ''
          }`,
          dossierCode: d.code,
          dedupeKey: `warning:${r.id}:${userId}`,
        },
        now,
      );
    }
  }
  return created;
}

/** An at-risk dossier with no action since its warning escalates one level: to the leaders, then to the monitor. */
export async function escalate(db: Kysely<Database>, calendar: WorkingCalendar, rules: ThreeKhongRules, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('deadline_warning as w')
    .innerJoin('dossier as d', 'd.id', 'w.dossier_id')
    .select(['w.id', 'w.level', 'w.detected_at', 'w.due_at', 'd.id as dossier_id', 'd.code', 'd.procedure_name'])
    .where('w.escalated_at', 'is', null)
    .where('d.closed_at', 'is', null)
    .where('d.result_ready_at', 'is', null)
    .where('w.step_id', '=', 0)
    .whereRef('w.due_at', '=', 'd.due_at')
    .execute();
  let n = 0;
  for (const w of rows) {
    if (calendar.workingMinutesBetween(new Date(w.detected_at), now) < rules.deadline.escalateAfterWorkingHours * 60) continue;
    const acted = await db.selectFrom('dossier_event').select('id').where('dossier_id', '=', w.dossier_id).where('at', '>', w.detected_at).executeTakeFirst();
    if (acted) continue;
    const next = w.level === 'due_soon' ? ['leader'] : ['monitor'];
    await db.updateTable('deadline_warning').set({ escalated_at: now.toISOString() }).where('id', '=', w.id).execute();
    for (const userId of await activeUserIds(db, { roles: next })) {
      await notify(
        db,
        {
          userId,
          kind: 'deadline.escalated',
          title: `Chuyển cấp: ${w.code} ${WARNING_LABEL_VI[w.level as WarningLevel].toLowerCase()}, chưa được xử lý`,
          body: `Hồ sơ ${w.code} (${w.procedure_name}) chưa có thao tác nào từ khi cảnh báo; hạn ${formatInstantVi(w.due_at)}.`,
          dossierCode: w.code,
          dedupeKey: `escalation:${w.id}:${userId}`,
        },
        now,
      );
    }
    n += 1;
  }
  return n;
}

/** The recurring sweep: evaluate every open dossier, escalate, and schedule today's digest once it is office hours. */
export async function sweep(db: Kysely<Database>, calendar: WorkingCalendar, rules: ThreeKhongRules, now: Date): Promise<{ warnings: number; escalated: number }> {
  const ids = await openDossiers(db).select('id').execute();
  let warnings = 0;
  for (const { id } of ids) warnings += (await db.transaction().execute((trx) => evaluateDossier(trx, calendar, rules, id, now))).length;
  const escalated = await db.transaction().execute((trx) => escalate(trx, calendar, rules, now));
  const { date, time } = localDateTime(now.toISOString());
  if (calendar.isWorkingDay(date) && time >= rules.deadline.digestAt) {
    await enqueueJob(db, { kind: 'deadline.digest', payload: { date }, dedupeKey: `deadline.digest:${date}` }, now);
  }
  return { warnings, escalated };
}

/** The daily digest at the start of office hours: one notification per person with something at risk in their scope. */
export async function digest(db: Kysely<Database>, calendar: WorkingCalendar, rules: ThreeKhongRules, date: string, now: Date): Promise<number> {
  const rows = await openDossiers(db).select(['id', 'code', 'due_at', 'division_id', 'handler_id']).execute();
  const risky = rows
    .map((r) => ({ ...r, level: riskLevel(calendar, now, new Date(r.due_at!), rules.deadline.dueSoonWorkingDays) }))
    .filter((r) => r.level !== null);
  const users = await db.selectFrom('staff_user').select(['id', 'role', 'division_id']).where('is_active', '=', 1).where('role', 'in', ['specialist', 'division_head', 'leader']).execute();
  let sent = 0;
  for (const u of users) {
    const mine = risky.filter((r) => (u.role === 'leader' ? true : u.role === 'division_head' ? r.division_id === u.division_id : r.handler_id === u.id));
    if (mine.length === 0) continue;
    const count = (l: string) => mine.filter((r) => r.level === l).length;
    const worst = [...mine].sort((a, b) => SEVERITY[b.level!] - SEVERITY[a.level!]).slice(0, 5).map((r) => r.code);
    const ok = await notify(
      db,
      {
        userId: u.id,
        kind: 'deadline.digest',
        title: `Tổng hợp đầu ngày ${date.split('-').reverse().join('/')}: ${mine.length} hồ sơ cần chú ý`,
        body: `Quá hạn: ${count('overdue')}; đến hạn hôm nay: ${count('due_today')}; sắp đến hạn: ${count('due_soon')}. Cần xử lý trước: ${worst.join(', ')}.`,
        dossierCode: null,
        dedupeKey: `digest:${date}:${u.id}`,
      },
      now,
    );
    if (ok) sent += 1;
  }
  return sent;
}
