/**
 * Audit: staff reads of personal data are logged, every state change is chained, and the verifier detects
 * any edit, deletion, insertion or reordering (injected tampering). Retention prunes access records only.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { linkHash, pruneAccessLogs, rowHash, verifyChain } from '../../src/server/modules/audit/chain.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { act, receive } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

class Rollback extends Error {}

describeEachDialect('audit log and hash chain', (dialect) => {
  let db: Db;
  let t: TestApp;
  let code: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db);
    const reception = await t.login('tiepnhan1');
    code = (await receive(t.app, reception, '1.004873')).json().code;
    await receive(t.app, reception, '1.004873');
    expect((await act(t.app, reception, code, 'assign', {})).statusCode).toBeLessThan(500);
    await t.login('admin');
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  /** Runs `tamper`, verifies, and rolls everything back. */
  async function tampered(tamper: (trx: Kysely<Database>) => Promise<void>, expectHead?: string) {
    let report: Awaited<ReturnType<typeof verifyChain>> | undefined;
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await tamper(trx);
        report = await verifyChain(trx, { expectHead });
        throw new Rollback();
      })
      .catch((err) => {
        if (!(err instanceof Rollback)) throw err;
      });
    return report!;
  }

  it('logs every staff read of personal data: the detail and the list, with who, what and when', async () => {
    const specialist = await t.login('hotich1');
    const reception = await t.login('tiepnhan1');
    expect((await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}`, headers: { cookie: reception } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers?q=an', headers: { cookie: reception } })).statusCode).toBe(200);
    // A refused read is not a read of personal data, and is not logged as one.
    await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}`, headers: { cookie: specialist } });
    const rows = await db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'dossier').orderBy('id').execute();
    const read = rows.find((r) => r.action === 'dossier.read' && r.entity_id === code)!;
    expect(read).toMatchObject({ actor_role: 'reception', at: t.clock.now().toISOString() });
    const list = rows.find((r) => r.action === 'dossier.list')!;
    expect(JSON.parse(list.details).codes).toContain(code);
    expect(JSON.parse(list.details).query).toEqual({ q: 'an' });
  });

  it('every audit_log and dossier_event row is in one verified chain', async () => {
    const report = await verifyChain(db.kysely);
    expect(report.problems).toEqual([]);
    const [logs, events] = await Promise.all([
      db.kysely.selectFrom('audit_log').select('id').execute(),
      db.kysely.selectFrom('dossier_event').select('id').execute(),
    ]);
    expect(report.links).toBe(logs.length + events.length);
    expect(report.rowsChecked).toBe(report.links);
  });

  it('detects an edit, a deletion, an insertion and a reordering, each injected', async () => {
    const head = (await verifyChain(db.kysely)).head.hash;
    const firstEvent = await db.kysely.selectFrom('dossier_event').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const logs = await db.kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const [a, b] = [logs[0]!, logs[1]!];
    const cases: [string, (trx: Kysely<Database>) => Promise<void>, RegExp][] = [
      ['edit an audit row', (trx) => trx.updateTable('audit_log').set({ details: '{"forged":true}' }).where('id', '=', a.id).execute().then(() => {}), /row edited/],
      ['edit an event', (trx) => trx.updateTable('dossier_event').set({ reason: 'sửa lén' }).where('id', '=', firstEvent.id).execute().then(() => {}), /row edited/],
      ['delete an event', (trx) => trx.deleteFrom('dossier_event').where('id', '=', firstEvent.id).execute().then(() => {}), /row deleted/],
      [
        'delete a row and its link',
        async (trx) => {
          await trx.deleteFrom('audit_log').where('id', '=', a.id).execute();
          await trx.deleteFrom('audit_chain').where('kind', '=', 'audit_log').where('row_id', '=', a.id).execute();
        },
        /missing|chain broken/,
      ],
      [
        'insert a row',
        (trx) =>
          trx
            .insertInto('audit_log')
            .values({ at: a.at, actor_id: null, actor_role: 'system', action: 'user.update', entity: 'staff_user', entity_id: '1', details: '{}' })
            .execute()
            .then(() => {}),
        /not in the chain/,
      ],
      [
        'swap two rows (reorder)',
        async (trx) => {
          const { id: _ia, ...ca } = a;
          const { id: _ib, ...cb } = b;
          await trx.updateTable('audit_log').set(cb).where('id', '=', a.id).execute();
          await trx.updateTable('audit_log').set(ca).where('id', '=', b.id).execute();
        },
        /row edited/,
      ],
      [
        'swap two links (reorder)',
        async (trx) => {
          const [l1, l2] = await trx.selectFrom('audit_chain').selectAll().orderBy('seq').limit(2).execute();
          await trx.updateTable('audit_chain').set({ seq: -1 }).where('seq', '=', l1!.seq).execute();
          await trx.updateTable('audit_chain').set({ seq: l1!.seq }).where('seq', '=', l2!.seq).execute();
          await trx.updateTable('audit_chain').set({ seq: l2!.seq }).where('seq', '=', -1).execute();
        },
        /chain broken|altered/,
      ],
    ];
    for (const [name, tamper, expected] of cases) {
      const report = await tampered(tamper);
      expect(report.ok, name).toBe(false);
      expect(report.problems.join('\n'), name).toMatch(expected);
    }
    // Someone who knows the algorithm appends a forged, well-chained row, or cuts the tail and rewinds the
    // head: the chain alone cannot tell, the head recorded elsewhere can.
    const forgeAppend = async (trx: Kysely<Database>) => {
      const h = await trx.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
      const { id } = await trx
        .insertInto('audit_log')
        .values({ at: a.at, actor_id: null, actor_role: 'system', action: 'user.update', entity: 'staff_user', entity_id: '1', details: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await trx.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const rh = rowHash(row);
      const hash = linkHash(h.hash, h.seq + 1, 'audit_log', id, rh);
      await trx.insertInto('audit_chain').values({ seq: h.seq + 1, kind: 'audit_log', row_id: id, row_hash: rh, prev_hash: h.hash, hash, at: a.at, pruned_at: null }).execute();
      await trx.updateTable('audit_chain_head').set({ seq: h.seq + 1, hash }).execute();
    };
    expect((await tampered(forgeAppend)).ok).toBe(true);
    expect((await tampered(forgeAppend, head)).problems.join()).toMatch(/recorded/);
    const cutTail = async (trx: Kysely<Database>) => {
      const last = await trx.selectFrom('audit_chain').selectAll().orderBy('seq', 'desc').limit(2).execute();
      await trx.deleteFrom('audit_chain').where('seq', '=', last[0]!.seq).execute();
      if (last[0]!.kind === 'audit_log') await trx.deleteFrom('audit_log').where('id', '=', last[0]!.row_id).execute();
      else await trx.deleteFrom('dossier_event').where('id', '=', last[0]!.row_id).execute();
      await trx.updateTable('audit_chain_head').set({ seq: last[1]!.seq, hash: last[1]!.hash }).execute();
    };
    expect((await tampered(cutTail, head)).problems.join()).toMatch(/recorded/);
    // And nothing stuck: the real chain is still intact.
    expect((await verifyChain(db.kysely, { expectHead: head })).ok).toBe(true);
  });

  it('retention prunes old access records only; the chain still verifies', async () => {
    const reception = await t.login('tiepnhan1');
    await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}`, headers: { cookie: reception } });
    const before = await db.kysely.selectFrom('audit_log').select(['action']).execute();
    t.clock.advanceMinutes(60 * 24 * 31);
    const pruned = await pruneAccessLogs(db.kysely, 30, t.clock.now());
    const after = await db.kysely.selectFrom('audit_log').select(['action']).execute();
    expect(pruned).toBe(before.filter((r) => ['dossier.read', 'dossier.list', 'auth.login', 'auth.login_failed', 'auth.logout'].includes(r.action)).length);
    expect(pruned).toBeGreaterThan(0);
    expect(after.map((r) => r.action).sort()).toEqual(before.map((r) => r.action).filter((x) => !x.startsWith('dossier.') && !x.startsWith('auth.')).sort());
    const report = await verifyChain(db.kysely);
    expect(report.problems).toEqual([]);
    expect(report.pruned).toBe(pruned);
  });
});

describe('motcua audit verify (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (file: string, args: string[]) =>
    spawnSync(process.execPath, ['bin/motcua.js', 'audit', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });

  it('exits 0 on an intact chain and 1, naming the row, after tampering with the file', { timeout: 180_000 }, async () => {
    const { inject } = await import('vitest');
    const file = join(dir, 'motcua.sqlite');
    copyFileSync(inject('sqliteTemplate'), file);
    const sqlite = new SQLite(file);
    // Some history: an audited change through the same code path the server uses.
    const { Kysely, SqliteDialect } = await import('kysely');
    const { appendAudit } = await import('../../src/server/modules/audit.repository.ts');
    const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    for (let i = 0; i < 3; i++) await k.transaction().execute((trx) => appendAudit(trx, null, 'calendar.set_day', 'calendar_day', `2026-12-2${i}`, { i }, new Date()));
    await k.destroy();
    const ok = run(file, ['verify']);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/toàn vẹn/);
    const head = /head: \d+ ([0-9a-f]{64})/.exec(ok.stdout)![1]!;
    expect(run(file, ['verify', '--expect-head', head]).status).toBe(0);
    const raw = new SQLite(file);
    raw.prepare(`UPDATE audit_log SET details = '{"i":99}' WHERE entity_id = '2026-12-21'`).run();
    raw.close();
    const bad = run(file, ['verify']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/BỊ SỬA ĐỔI/);
    expect(bad.stdout).toMatch(/audit_log \d+ .*row edited/);
    const json = JSON.parse(run(file, ['verify', '--json']).stdout);
    expect(json.ok).toBe(false);
  });
});
