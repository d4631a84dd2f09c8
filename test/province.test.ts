/**
 * Province scale on PostgreSQL (docs/scaling.md): several OS processes share one database.
 * - background jobs are claimed exactly once by concurrent worker processes;
 * - recurring jobs (the deadline sweep) run once per period however many workers schedule them;
 * - sessions are database rows: a login on server A works on server B, and a logout on B ends it on A.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Db, openDatabase } from '../src/server/db/database.ts';
import { enqueueJob } from '../src/server/jobs/job.repository.ts';
import { DEMO_PASSWORD } from '../src/server/seed/demo-ward.ts';
import { startServer } from './processes.ts';

const template = inject('pgTemplate');
const base = inject('pgBaseUrl');
const name = `${template}_province_${process.pid}`;
let url = '';
let db: Db;

describe.skipIf(template === null)(`province scale: processes sharing one PostgreSQL${template === null ? ' [SKIPPED: PostgreSQL unreachable]' : ''}`, { timeout: 240_000 }, () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    db = openDatabase(url);
  });
  afterAll(async () => {
    await db?.close();
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('three worker processes run 240 jobs exactly once each, and the recurring sweep once per period', async () => {
    const now = new Date();
    for (let i = 0; i < 240; i++) await enqueueJob(db.kysely, { kind: 'probe.task', payload: { i } }, now);
    const seconds = 4;
    const runs = Array.from({ length: 3 }, () =>
      new Promise<string>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/probe-worker.ts', url, String(seconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        p.stdout.on('data', (c: Buffer) => (out += c.toString()));
        p.stderr.on('data', (c: Buffer) => (out += c.toString()));
        p.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}: ${out}`))));
      }),
    );
    await Promise.all(runs);

    const tasks = await db.kysely.selectFrom('audit_log').select(['entity_id', 'details']).where('action', '=', 'probe.task').execute();
    expect(tasks).toHaveLength(240);
    expect(new Set(tasks.map((t) => t.entity_id)).size).toBe(240);
    const workers = new Set(tasks.map((t) => (JSON.parse(t.details) as { worker: string }).worker));
    expect(workers.size).toBeGreaterThan(1); // they really shared the work
    const left = await db.kysely.selectFrom('job').select('id').where('kind', '=', 'probe.task').where('status', '!=', 'done').execute();
    expect(left).toHaveLength(0);

    // Each 500 ms period was scheduled once (the dedupe key) and its sweep ran once, by one of the processes.
    const sweeps = await db.kysely.selectFrom('job').select(['id', 'dedupe_key', 'status']).where('kind', '=', 'probe.sweep').execute();
    expect(sweeps.length).toBeGreaterThanOrEqual(seconds);
    expect(new Set(sweeps.map((s) => s.dedupe_key)).size).toBe(sweeps.length);
    const sweepRuns = await db.kysely.selectFrom('audit_log').select('entity_id').where('action', '=', 'probe.sweep').execute();
    expect(new Set(sweepRuns.map((r) => r.entity_id)).size).toBe(sweepRuns.length);
    expect(sweepRuns.length).toBe(sweeps.filter((s) => s.status === 'done').length);
  }, 90_000);

  it('a session opened on server A is valid on server B, and a logout on B ends it on A', async () => {
    const [a, b] = await Promise.all([startServer({ DATABASE_URL: url }), startServer({ DATABASE_URL: url })]);
    try {
      const login = await fetch(`${a.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'tiepnhan1', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const onB = await fetch(`${b.url}/api/auth/me`, { headers: { cookie } });
      expect(onB.status).toBe(200);
      expect(((await onB.json()) as { user: { username: string } }).user.username).toBe('tiepnhan1');
      expect((await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(204);
      expect((await fetch(`${a.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    } finally {
      a.proc.kill('SIGTERM');
      b.proc.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  }, 90_000);
});
