import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations never import app code: they describe the schema as it was on the day they were written.

// biome-ignore lint: migrations work on an untyped database
type AnyDb = Kysely<any>;

/**
 * Issue 7 (performance): Biểu 06 as one SQL aggregate. The report needs, per dossier, what the event history
 * alone used to tell (docs/reports.md):
 * - finished_at: result_ready_at, else closed_at (the finishing moment), set once;
 * - outcome_original / outcome_extended: early | on_time | late, the finishing moment (result_ready_at, else
 *   closed_at) against the appointment in force then, without / with the extension (form 04);
 * - paused_since: start of the supplement pause still running (clock stopped, Decree 61 Art 19(4)), else null;
 * - due_changed_at: the last moment the appointment or the pause changed after receipt (request_supplement,
 *   receive_supplement, extend_deadline), else null. A dossier open at a past moment m with due_changed_at
 *   null or ≤ m is judged on its current row; the others (rare) read the event log.
 * Written with the transition by perform-action (the fold of the event log, fold-events.ts), backfilled here.
 *
 * dossier_report covers the report: a quarter is read from this narrow index (finished_at ≥ start or null,
 * received_at < end) instead of the wide dossier rows (applicant, search text, due-date explanation);
 * dossier_due_changed finds the few that need their event log (src/server/modules/reports/bieu06.sql.ts).
 */
export const REPORT_INDEX_COLUMNS = [
  'finished_at',
  'received_at',
  'procedure_id',
  'channel',
  'outcome_original',
  'outcome_extended',
  'due_changed_at',
  'paused_since',
  'original_due_at',
  'due_at',
  'id',
];

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('dossier').addColumn('finished_at', 'text').execute();
  await db.schema.alterTable('dossier').addColumn('outcome_original', 'text').execute();
  await db.schema.alterTable('dossier').addColumn('outcome_extended', 'text').execute();
  await db.schema.alterTable('dossier').addColumn('paused_since', 'text').execute();
  await db.schema.alterTable('dossier').addColumn('due_changed_at', 'text').execute();
  await backfillReportProjection(db);
  await db.schema.createIndex('dossier_report').on('dossier').columns(REPORT_INDEX_COLUMNS).execute();
  // The few dossiers open at the end of a past period whose appointment or pause changed afterwards.
  await db.schema.createIndex('dossier_due_changed').on('dossier').columns(['due_changed_at', 'received_at', 'finished_at']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('dossier_report').execute();
  await db.schema.dropIndex('dossier_due_changed').execute();
  for (const c of ['finished_at', 'outcome_original', 'outcome_extended', 'paused_since', 'due_changed_at']) {
    await db.schema.alterTable('dossier').dropColumn(c).execute();
  }
}

/** Computes the five columns from the rows and the event log (also used by tests to check the fold agrees). */
export async function backfillReportProjection(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // The Vietnam calendar day (UTC+7, no daylight saving) of an ISO instant stored as text.
  const vnDay = (col: string) =>
    postgres ? sql.raw(`(((${col})::timestamptz + interval '7 hours') at time zone 'UTC')::date`) : sql.raw(`date(${col}, '+7 hours')`);
  const fin = 'coalesce(result_ready_at, closed_at)';
  // src/domain/dossier/timeliness.ts classify(): late after the due moment, early on a day before the due day.
  const outcome = (due: string) =>
    sql`case when ${sql.raw(due)} is null then 'on_time' when ${sql.raw(fin)} > ${sql.raw(due)} then 'late' when ${vnDay(fin)} < ${vnDay(due)} then 'early' else 'on_time' end`;
  await sql`update dossier set
      finished_at = ${sql.raw(fin)},
      outcome_original = case when ${sql.raw(fin)} is null then null else ${outcome('original_due_at')} end,
      outcome_extended = case when ${sql.raw(fin)} is null then null else ${outcome('due_at')} end,
      paused_since = (select max(ps.started_at) from dossier_pause ps where ps.dossier_id = dossier.id and ps.ended_at is null),
      due_changed_at = (select max(e.at) from dossier_event e where e.dossier_id = dossier.id
                          and e.action in ('request_supplement', 'receive_supplement', 'extend_deadline'))`.execute(db);
}
