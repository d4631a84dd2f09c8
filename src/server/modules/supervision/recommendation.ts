import type { Kysely, Selectable } from 'kysely';
import type { WorkingCalendar } from '../../../domain/calendar/working-calendar.ts';
import { DEFAULT_RECOMMENDATION_DAYS, RECOMMENDATION_STATUS_VI, type RecommendationStatus } from '../../../domain/complaint/complaint.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import type { Clock } from '../../clock.ts';
import type { Database, SupervisionRecommendationTable } from '../../db/schema.ts';
import { appendAudit } from '../audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { readSetting } from '../settings.repository.ts';

export type RecommendationRow = Selectable<SupervisionRecommendationTable>;
export interface RecommendationDeps {
  db: Kysely<Database>;
  clock: Clock;
  calendar: WorkingCalendar;
}

export async function recommendationDays(db: Kysely<Database>): Promise<number> {
  const v = await readSetting<number>(db, 'supervision.answerDays');
  return typeof v === 'number' && v > 0 ? v : DEFAULT_RECOMMENDATION_DAYS;
}

export async function getRecommendation(db: Kysely<Database>, code: string): Promise<RecommendationRow> {
  const row = await db.selectFrom('supervision_recommendation').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst();
  if (!row) throw notFound(`kiến nghị giám sát mã ${code}`);
  return row;
}

function text(value: string | undefined, field: string, label: string, min: number, max: number): string {
  const t = (value ?? '').normalize('NFC').trim();
  if ([...t].length < min || [...t].length > max) {
    throw new DomainError('VALIDATION_ERROR', `${label} (${field}) cần từ ${min} đến ${max} ký tự.`, { field });
  }
  return t;
}

/** The Front committee files a recommendation; the ward must answer it within the configured working days. */
export async function fileRecommendation(
  deps: RecommendationDeps,
  actor: Actor,
  input: { title: string; content: string; dossierCode?: string | null | undefined },
): Promise<RecommendationRow> {
  const { db, clock, calendar } = deps;
  const title = text(input.title, 'title', 'Tiêu đề kiến nghị', 5, 200);
  const content = text(input.content, 'content', 'Nội dung kiến nghị', 10, 8000);
  let dossierId: number | null = null;
  if (input.dossierCode) {
    const d = await db.selectFrom('dossier').select('id').where('code', '=', input.dossierCode.trim()).executeTakeFirst();
    if (!d) throw new DomainError('UNKNOWN_REFERENCE', `Không có hồ sơ mã ${input.dossierCode}.`, { field: 'dossierCode' });
    dossierId = d.id;
  }
  const now = clock.now();
  const at = now.toISOString();
  const year = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 4);
  const last = await db
    .selectFrom('supervision_recommendation')
    .select('code')
    .where('code', 'like', `KN-${year}-%`)
    .orderBy('code', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = last ? Number(last.code.slice(8)) + 1 : 1;
  const code = `KN-${year}-${String(next).padStart(3, '0')}`;
  const days = await recommendationDays(db);
  const due = calendar.dueDate(now, { value: days, unit: 'working_days' });
  const row = await db
    .insertInto('supervision_recommendation')
    .values({
      code,
      title,
      content,
      dossier_id: dossierId,
      status: 'filed',
      filed_at: at,
      filed_by: actor.id,
      due_at: due.dueAt,
      due_explanation: JSON.stringify(due.explanation),
      answer: null,
      answered_at: null,
      answered_by: null,
      closed_at: null,
      closing_note: null,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(db, actor, 'supervision.file', 'supervision_recommendation', code, { title, dossierId, dueAt: due.dueAt, answerDays: days }, now);
  return row;
}

async function transition(
  deps: RecommendationDeps,
  actor: Actor,
  code: string,
  from: RecommendationStatus,
  to: RecommendationStatus,
  patch: Partial<RecommendationRow>,
  label: string,
): Promise<RecommendationRow> {
  const r = await getRecommendation(deps.db, code);
  if (r.status !== from) {
    throw new DomainError('ACTION_NOT_ALLOWED', `Không thể ${label} khi kiến nghị đang ở trạng thái "${RECOMMENDATION_STATUS_VI[r.status as RecommendationStatus]}".`, {
      details: { status: r.status },
    });
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const updated = await deps.db
    .updateTable('supervision_recommendation')
    .set({ ...patch, status: to, updated_at: at, version: r.version + 1 })
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new DomainError('CONFLICT', 'Kiến nghị vừa được người khác cập nhật; hãy tải lại.');
  await appendAudit(deps.db, actor, `supervision.${to === 'answered' ? 'answer' : 'close'}`, 'supervision_recommendation', r.code, { from, to, onTime: to === 'answered' ? at <= r.due_at : undefined }, now);
  return updated;
}

/** A leader of the People's Committee answers (once). */
export async function answerRecommendation(deps: RecommendationDeps, actor: Actor, code: string, answer: string | undefined) {
  const a = text(answer, 'answer', 'Nội dung trả lời', 10, 8000);
  const at = deps.clock.now().toISOString();
  return transition(deps, actor, code, 'filed', 'answered', { answer: a, answered_at: at, answered_by: actor.id }, 'trả lời');
}

/** The Front committee closes the supervision once it accepts the answer. */
export async function closeRecommendation(deps: RecommendationDeps, actor: Actor, code: string, note: string | undefined) {
  const n = note?.normalize('NFC').trim().slice(0, 2000) || null;
  return transition(deps, actor, code, 'answered', 'closed', { closed_at: deps.clock.now().toISOString(), closing_note: n }, 'kết thúc');
}
