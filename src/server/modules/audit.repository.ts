import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { chainRow } from './audit/chain.ts';
import type { Actor } from './auth/actor.ts';

/**
 * Audit of changes outside dossiers (calendar, users, catalog) and of staff reads of personal data;
 * dossier changes live in dossier_event. Every row is linked into the audit hash chain in the same
 * transaction (modules/audit/chain.ts).
 */
export async function appendAudit(
  db: Kysely<Database>,
  actor: Actor | null,
  action: string,
  entity: string,
  entityId: string,
  details: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const row = await db
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
    .returningAll()
    .executeTakeFirstOrThrow();
  await chainRow(db, 'audit_log', row, now);
}
