import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function readSetting<T>(db: Kysely<Database>, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function writeSetting(db: Kysely<Database>, key: string, value: unknown, actorId: number | null, now: Date): Promise<void> {
  const v = { key, value: JSON.stringify(value), updated_at: now.toISOString(), updated_by: actorId };
  await db
    .insertInto('setting')
    .values(v)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: v.value, updated_at: v.updated_at, updated_by: v.updated_by }))
    .execute();
}
