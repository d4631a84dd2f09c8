import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../../domain/procedure/procedure.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from './actor.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type SessionScope = 'full' | 'enroll_mfa';

/** A new session with a fresh 256-bit token: every login and every privilege change gets a new one. */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  ttlHours: number,
  scope: SessionScope = 'full',
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('user_session')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlHours * 3600_000).toISOString(),
      revoked_at: null,
      scope,
    })
    .execute();
  return token;
}

/** "Last seen" is written at most this often per session, so that reads do not all become writes. */
export const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

/**
 * The live session of a token; 'idle' when it went unused for `idleMinutes` (ASVS 5.0 V7.3.1, inactivity
 * timeout; the absolute lifetime is its expires_at). Each use slides the idle window, written at most
 * once a minute.
 */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
  idleMinutes = Number.POSITIVE_INFINITY,
): Promise<{ actor: Actor; scope: SessionScope } | 'idle' | undefined> {
  if (token.length > 200) return undefined;
  const id = hashToken(token);
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.full_name', 'u.role', 'u.division_id', 'u.is_active', 's.expires_at', 's.revoked_at', 's.scope'])
    .select(['s.created_at', 's.last_seen_at'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.is_active !== 1 || row.expires_at <= now.toISOString()) return undefined;
  const lastSeen = new Date(row.last_seen_at ?? row.created_at).getTime();
  if (now.getTime() - lastSeen > idleMinutes * 60_000) return 'idle';
  if (now.getTime() - lastSeen >= LAST_SEEN_WRITE_INTERVAL_MS) {
    await db.updateTable('user_session').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return {
    actor: { id: row.id, username: row.username, fullName: row.full_name, role: row.role as Role, divisionId: row.division_id },
    scope: row.scope === 'enroll_mfa' ? 'enroll_mfa' : 'full',
  };
}

export async function findSessionActor(db: Kysely<Database>, token: string, now: Date): Promise<Actor | undefined> {
  const session = await findSession(db, token, now);
  return typeof session === 'object' ? session.actor : undefined;
}

export async function revokeSession(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: now.toISOString() }).where('id', '=', hashToken(token)).execute();
}

export async function revokeUserSessions(db: Kysely<Database>, userId: number, now: Date): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
