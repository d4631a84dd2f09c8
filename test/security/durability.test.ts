/**
 * Idempotency under real concurrency (both dialects), and backup while writes run: the restored copy is
 * intact and equals the database at one moment (a prefix of the commit order, row for row).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Db } from '../../src/server/db/database.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { verifyChain } from '../../src/server/modules/audit/chain.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { APPLICANT, procedureDetail, receive, requiredComponentIds } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

describeEachDialect('idempotent receipt under concurrency', (dialect) => {
  let db: Db;
  let t: TestApp;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('concurrent retries with one key create one dossier; the same key with another body is 422', async () => {
    const reception = await t.login('tiepnhan1');
    const p = await procedureDetail(t.app, '1.004873');
    const count = async () => Number((await db.kysely.selectFrom('dossier').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    for (let round = 0; round < 3; round++) {
      const before = await count();
      const key = `concurrent-${dialect}-${round}`;
      const same = await Promise.all(Array.from({ length: 8 }, () => receive(t.app, reception, '1.004873', { key })));
      expect(same.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
      expect(new Set(same.map((r) => r.json().code)).size).toBe(1);
      expect(await count()).toBe(before + 1);

      const key2 = `conflict-${dialect}-${round}`;
      const mixed = await Promise.all(
        Array.from({ length: 6 }, (_v, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/dossiers',
            headers: { cookie: reception, 'idempotency-key': key2 },
            payload: { procedureCode: p.code, channel: 'direct', applicant: { ...APPLICANT, fullName: `Người ${i}` }, submittedComponents: requiredComponentIds(p) },
          }),
        ),
      );
      const statuses = mixed.map((r) => r.statusCode).sort();
      expect(statuses.filter((s) => s === 201).length, JSON.stringify(mixed.map((r) => r.body.slice(0, 120)))).toBe(1);
      expect(statuses.filter((s) => s === 422).length).toBe(5);
      for (const r of mixed.filter((x) => x.statusCode === 422)) expect(r.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await count()).toBe(before + 2);
    }
  });
});

describe('backup while writes run (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-backup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restores into a new database that is intact and equals the source at one moment', { timeout: 300_000 }, async () => {
    const live = join(dir, 'live.sqlite');
    copyFileSync(inject('sqliteTemplate'), live);
    const db = openDatabase(`sqlite:${live}`);
    const t = await buildTestApp(db);
    const reception = await t.login('tiepnhan1');
    const acked: { code: string; at: number }[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await receive(t.app, reception, '1.004873', { key: `backup-${i}`, applicant: { fullName: `Người nộp ${i}` } });
        expect(res.statusCode).toBe(201);
        acked.push({ code: res.json().code, at: Date.now() });
        if (i % 3 === 0) await t.app.inject({ method: 'GET', url: `/api/dossiers/${res.json().code}`, headers: { cookie: reception } });
      }
    })();
    while (acked.length < 10) await new Promise((r) => setTimeout(r, 20));
    const backupFile = join(dir, 'backup.sqlite');
    const startedAt = Date.now();
    const result = await new Promise<{ code: number | null; out: string }>((ok) => {
      const p = spawn(process.execPath, ['bin/motcua.js', 'backup', backupFile], {
        env: { ...process.env, DATABASE_URL: `sqlite:${live}`, LOG_LEVEL: 'silent' },
      });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (out += d));
      p.on('exit', (code) => ok({ code, out }));
    });
    const endedAt = Date.now();
    const more = acked.length;
    while (acked.length < more + 5) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await writer;
    expect(result.code, result.out).toBe(0);

    // Restore = copy the backup file into place as a new database, then check it.
    const restoredFile = join(dir, 'restored.sqlite');
    copyFileSync(backupFile, restoredFile);
    const restored = new SQLite(restoredFile);
    expect(restored.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(restored.pragma('foreign_key_check')).toEqual([]);
    const rk = new Kysely<Database>({ dialect: new SqliteDialect({ database: restored }) });
    expect((await verifyChain(rk)).problems).toEqual([]);

    // One moment: every table equals the live one cut at the backup's last commit.
    const inBackup = new Set((await rk.selectFrom('dossier').select('code').execute()).map((r) => r.code));
    const ackedBefore = acked.filter((a) => a.at < startedAt).map((a) => a.code);
    for (const c of ackedBefore) expect(inBackup.has(c), `${c} acknowledged before the backup started`).toBe(true);
    expect(inBackup.size).toBeLessThan(acked.length); // writes went on after it
    const head = await rk.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    const maxDossier = Math.max(...(await rk.selectFrom('dossier').select('id').execute()).map((r) => r.id));
    const cut = {
      dossier: (q: Kysely<Database>) => q.selectFrom('dossier').selectAll().where('id', '<=', maxDossier).orderBy('id').execute(),
      audit_chain: (q: Kysely<Database>) => q.selectFrom('audit_chain').selectAll().where('seq', '<=', head.seq).orderBy('seq').execute(),
    };
    expect(await cut.dossier(rk)).toEqual(await cut.dossier(db.kysely));
    expect(await cut.audit_chain(rk)).toEqual(await cut.audit_chain(db.kysely));
    // The chain cut at the backup's head contains exactly the backup's rows: nothing from a later moment.
    const liveLink = await db.kysely.selectFrom('audit_chain').selectAll().where('seq', '=', head.seq).executeTakeFirstOrThrow();
    expect(liveLink.hash).toBe(head.hash);
    const counts = async (q: Kysely<Database>) => ({
      events: (await q.selectFrom('dossier_event').select('id').execute()).length,
      logs: (await q.selectFrom('audit_log').select('id').execute()).length,
    });
    const rc = await counts(rk);
    expect(rc.events + rc.logs).toBe(head.seq);
    console.log(
      `[backup] ${acked.length} dossiers written during the run; backup took ${endedAt - startedAt} ms and holds ${inBackup.size} dossiers, ` +
        `${head.seq} chained rows; restored copy intact and equal to the source at that moment`,
    );
    await rk.destroy();
    await t.app.close();
    await db.close();
  });
});
