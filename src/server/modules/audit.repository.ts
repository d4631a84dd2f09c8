import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './auth/actor.ts';

/** Audit of changes outside dossiers (calendar, users, catalog); dossier changes live in dossier_event. */
export async function appendAudit(
  db: Kysely<Database>,
  actor: Actor | null,
  action: string,
  entity: string,
  entityId: string,
  details: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor_id: actor?.id ?? null,
      actor_role: actor?.role ?? 'system',
      action,
      entity,
      entity_id: entityId,
      details: JSON.stringify(details),
    })
    .execute();
}
