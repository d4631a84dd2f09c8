import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

// Migrations never import app code: they describe the schema as it was on the day they were written.

// biome-ignore lint: migrations work on an untyped database
type AnyDb = Kysely<any>;

/** The hash rules of the audit chain as of this migration (kept in step with modules/audit/chain.ts). */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const GENESIS = '0'.repeat(64);

export async function up(db: AnyDb): Promise<void> {
  // TOTP second factor (RFC 6238) for staff.
  await db.schema.alterTable('staff_user').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('staff_user').addColumn('totp_pending_secret', 'text').execute();
  await db.schema.alterTable('staff_user').addColumn('totp_last_step', 'integer').execute();
  await db.schema.alterTable('staff_user').addColumn('totp_enabled_at', 'text').execute();

  // 'full' or 'enroll_mfa' (a leader or admin without a second factor may only enrol one).
  await db.schema.alterTable('user_session').addColumn('scope', 'text', (c) => c.notNull().defaultTo('full')).execute();

  // Throttling counters shared by every server process: failed logins per username and per address,
  // public look-ups per address. Fixed windows.
  await db.schema
    .createTable('throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();

  // One hash chain over audit_log and dossier_event rows, in commit order.
  await db.schema
    .createTable('audit_chain')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('row_id', 'integer', (c) => c.notNull())
    .addColumn('row_hash', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('pruned_at', 'text')
    .addUniqueConstraint('audit_chain_row', ['kind', 'row_id'])
    .execute();
  // A single row: the head of the chain, locked by every writer so that the chain never forks.
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  // Chain the rows written before this migration, oldest first.
  let seq = 0;
  let prev = GENESIS;
  const now = new Date().toISOString();
  const rows: { kind: string; at: string; row: Record<string, unknown> }[] = [];
  for (const r of await db.selectFrom('audit_log').selectAll().execute()) rows.push({ kind: 'audit_log', at: r.at, row: r });
  for (const r of await db.selectFrom('dossier_event').selectAll().execute()) rows.push({ kind: 'dossier_event', at: r.at, row: r });
  rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const r of rows) {
    seq += 1;
    const rowHash = sha256(canonical(r.row));
    const hash = sha256(`${prev}|${seq}|${r.kind}|${r.row.id}|${rowHash}`);
    await db
      .insertInto('audit_chain')
      .values({ seq, kind: r.kind, row_id: r.row.id, row_hash: rowHash, prev_hash: prev, hash, at: now, pruned_at: null })
      .execute();
    prev = hash;
  }
  await db.insertInto('audit_chain_head').values({ id: 1, seq, hash: prev }).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('audit_chain_head').execute();
  await db.schema.dropTable('audit_chain').execute();
  await db.schema.dropTable('throttle').execute();
  await db.schema.alterTable('user_session').dropColumn('scope').execute();
  for (const c of ['totp_enabled_at', 'totp_last_step', 'totp_pending_secret', 'totp_secret']) {
    await db.schema.alterTable('staff_user').dropColumn(c).execute();
  }
}
