/**
 * The audit hash chain (docs/adr/0020-audit-hash-chain.md). Every audit_log and dossier_event row gets a
 * link in audit_chain, in commit order: row_hash = SHA-256 of the row's canonical JSON, and
 * hash = SHA-256(prev_hash | seq | kind | row_id | row_hash). Editing a row breaks its row_hash, deleting
 * a row leaves a link without a row, deleting or reordering links breaks the chain. Only the tail can be
 * cut unnoticed by the chain alone, so `motcua audit verify` prints the head, to be written down elsewhere
 * (daily report) and compared with `--expect-head`.
 */
import { createHash } from 'node:crypto';
import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type ChainKind = 'audit_log' | 'dossier_event';
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so that the same row always hashes the same on SQLite and PostgreSQL. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
export const rowHash = (row: Record<string, unknown>) => sha256(canonicalJson(row));
export const linkHash = (prev: string, seq: number, kind: string, rowId: number, rHash: string) =>
  sha256(`${prev}|${seq}|${kind}|${rowId}|${rHash}`);

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Links a freshly inserted row into the chain: `row` is the row as stored (the insert's `returning *`, the
 * same columns and values a later select gives, which is what verifyChain hashes). Must run in the writer's
 * transaction: the head row is locked (FOR UPDATE on PostgreSQL; SQLite serialises writers), so that
 * concurrent writers never fork it.
 */
export async function chainRow(db: Kysely<Database>, kind: ChainKind, row: Record<string, unknown> & { id: number }, now: Date): Promise<void> {
  const id = row.id;
  let q = db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1);
  if (isPostgres(db)) q = q.forUpdate();
  const head = (await q.executeTakeFirst()) ?? { seq: 0, hash: GENESIS_HASH };
  const seq = head.seq + 1;
  const rHash = rowHash(row);
  const hash = linkHash(head.hash, seq, kind, id, rHash);
  await db
    .insertInto('audit_chain')
    .values({ seq, kind, row_id: id, row_hash: rHash, prev_hash: head.hash, hash, at: now.toISOString(), pruned_at: null })
    .execute();
  await db.updateTable('audit_chain_head').set({ seq, hash }).where('id', '=', 1).execute();
}

export interface VerifyReport {
  ok: boolean;
  links: number;
  rowsChecked: number;
  pruned: number;
  head: { seq: number; hash: string };
  problems: string[];
}

/** Walks the whole chain and every audited row; reports each break it finds (at most `maxProblems`). */
export async function verifyChain(db: Kysely<Database>, options: { expectHead?: string; maxProblems?: number } = {}): Promise<VerifyReport> {
  const max = options.maxProblems ?? 50;
  const problems: string[] = [];
  const problem = (p: string) => {
    if (problems.length < max) problems.push(p);
  };
  const seen: Record<ChainKind, Set<number>> = { audit_log: new Set(), dossier_event: new Set() };
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let links = 0;
  let rowsChecked = 0;
  let pruned = 0;
  const page = 2000;
  for (let after = 0; ; ) {
    const chunk = await db.selectFrom('audit_chain').selectAll().where('seq', '>', after).orderBy('seq').limit(page).execute();
    if (chunk.length === 0) break;
    const rows: Record<ChainKind, Map<number, Record<string, unknown>>> = { audit_log: new Map(), dossier_event: new Map() };
    const ids = (k: ChainKind) => chunk.filter((l) => l.kind === k && l.pruned_at === null).map((l) => l.row_id);
    if (ids('audit_log').length) {
      for (const r of await db.selectFrom('audit_log').selectAll().where('id', 'in', ids('audit_log')).execute()) rows.audit_log.set(r.id, r);
    }
    if (ids('dossier_event').length) {
      for (const r of await db.selectFrom('dossier_event').selectAll().where('id', 'in', ids('dossier_event')).execute()) {
        rows.dossier_event.set(r.id, r);
      }
    }
    for (const l of chunk) {
      links += 1;
      if (l.seq !== expectedSeq) problem(`mắt xích ${expectedSeq}: thiếu (gặp ${l.seq}) / link ${expectedSeq} missing`);
      if (l.prev_hash !== prev) problem(`mắt xích ${l.seq}: prev_hash không khớp / chain broken before link ${l.seq}`);
      if (linkHash(l.prev_hash, l.seq, l.kind, l.row_id, l.row_hash) !== l.hash) problem(`mắt xích ${l.seq}: hash sai / link ${l.seq} altered`);
      if (l.kind !== 'audit_log' && l.kind !== 'dossier_event') problem(`mắt xích ${l.seq}: loại ${l.kind} lạ`);
      else {
        seen[l.kind].add(l.row_id);
        if (l.pruned_at !== null) pruned += 1;
        else {
          const row = rows[l.kind].get(l.row_id);
          if (!row) problem(`${l.kind} ${l.row_id} (mắt xích ${l.seq}): dòng đã bị xóa / row deleted`);
          else {
            rowsChecked += 1;
            if (rowHash(row) !== l.row_hash) problem(`${l.kind} ${l.row_id} (mắt xích ${l.seq}): nội dung bị sửa / row edited`);
          }
        }
      }
      prev = l.hash;
      expectedSeq = l.seq + 1;
      after = l.seq;
    }
  }
  const head = (await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst()) ?? {
    seq: 0,
    hash: GENESIS_HASH,
  };
  if (head.seq !== expectedSeq - 1 || head.hash !== prev) problem(`đầu chuỗi không khớp mắt xích cuối / head does not match the last link`);
  if (options.expectHead && options.expectHead !== head.hash) problem(`đầu chuỗi khác giá trị đã ghi / head differs from the recorded one`);
  // Rows that were never chained (inserted around the application, or re-inserted after a deletion).
  for (const kind of ['audit_log', 'dossier_event'] as const) {
    for (let after = 0; ; ) {
      const idRows =
        kind === 'audit_log'
          ? await db.selectFrom('audit_log').select('id').where('id', '>', after).orderBy('id').limit(5000).execute()
          : await db.selectFrom('dossier_event').select('id').where('id', '>', after).orderBy('id').limit(5000).execute();
      if (idRows.length === 0) break;
      for (const { id } of idRows) if (!seen[kind].has(id)) problem(`${kind} ${id}: dòng không có trong chuỗi / row not in the chain`);
      after = idRows[idRows.length - 1]!.id;
    }
  }
  return { ok: problems.length === 0, links, rowsChecked, pruned, head, problems };
}

/**
 * Access records (staff reads of personal data, sign-ins) are kept for a configurable period
 * (AUDIT_READ_RETENTION_DAYS; Law 91/2025 asks that personal data, logs included, be kept no longer than
 * needed). Their rows are deleted; their links stay, marked pruned, so that the chain still verifies.
 * Records of changes are never pruned here: they are part of the dossier and follow archive rules.
 */
export const PRUNABLE_ACTIONS = ['dossier.read', 'dossier.list', 'auth.login', 'auth.login_failed', 'auth.logout'] as const;

export async function pruneAccessLogs(db: Kysely<Database>, retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('audit_log')
      .select('id')
      .where('action', 'in', [...PRUNABLE_ACTIONS])
      .where('at', '<', cutoff)
      .execute();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await trx
        .updateTable('audit_chain')
        .set({ pruned_at: now.toISOString() })
        .where('kind', '=', 'audit_log')
        .where('row_id', 'in', chunk)
        .execute();
      await trx.deleteFrom('audit_log').where('id', 'in', chunk).execute();
    }
    return ids.length;
  });
}
