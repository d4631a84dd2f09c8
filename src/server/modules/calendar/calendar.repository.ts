import type { Kysely } from 'kysely';
import type { DayRule, PlainDate } from '../../../domain/calendar/types.ts';
import type { Database } from '../../db/schema.ts';

export async function listDayRules(db: Kysely<Database>, from?: PlainDate, to?: PlainDate): Promise<DayRule[]> {
  let q = db.selectFrom('calendar_day').selectAll();
  if (from) q = q.where('date', '>=', from);
  if (to) q = q.where('date', '<=', to);
  const rows = await q.orderBy('date').execute();
  return rows.map((r) => ({
    date: r.date,
    kind: r.kind as 'off' | 'work',
    reason: r.reason,
    source: r.source,
    provisional: r.is_provisional === 1,
  }));
}

export async function findDayRule(db: Kysely<Database>, date: PlainDate): Promise<DayRule | undefined> {
  const rows = await listDayRules(db, date, date);
  return rows[0];
}

export async function upsertDayRule(db: Kysely<Database>, rule: DayRule, actorId: number | null, now: Date): Promise<void> {
  const values = {
    date: rule.date,
    kind: rule.kind,
    reason: rule.reason,
    source: rule.source,
    is_provisional: rule.provisional ? 1 : 0,
    updated_at: now.toISOString(),
    updated_by: actorId,
  };
  await db
    .insertInto('calendar_day')
    .values(values)
    .onConflict((oc) => oc.column('date').doUpdateSet({ ...values }))
    .execute();
}

export async function deleteDayRule(db: Kysely<Database>, date: PlainDate): Promise<boolean> {
  const r = await db.deleteFrom('calendar_day').where('date', '=', date).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
