import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from './databases.ts';
import { parseJsonLines, startServer } from './processes.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

describeEachDialect('operations endpoints', (dialect) => {
  let db: Db;
  let t: TestApp;
  beforeEach(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db);
  });
  afterEach(async () => {
    await t.app.close();
    await db.close();
  });

  it('/healthz is liveness, /readyz answers 200 while the database answers and 503 once it does not', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ok: true, database: dialect });
    await db.kysely.destroy();
    const down = await t.app.inject({ url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json().error.code).toBe('NOT_READY');
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    db = await openTestDb(dialect); // afterEach closes something open
  });

  it('every response carries a request id: the caller’s x-request-id when plausible, a fresh UUID otherwise', async () => {
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'nginx-7f3a.42' } });
    expect(given.headers['x-request-id']).toBe('nginx-7f3a.42');
    const made = await t.app.inject({ url: '/healthz' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'a b\u0000c' } });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('/metrics exposes HTTP latency by route, the job queue depth and dossiers by status in Prometheus format', async () => {
    const cookie = await t.login('tiepnhan1');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { cookie },
      payload: {
        procedureCode: '1.001766',
        channel: 'direct',
        applicant: { fullName: 'Nguyễn Văn An', idNumber: '001099012345', phone: '0912345678', address: '12 Lê Lợi' },
        submittedComponents: [],
      },
    });
    // The procedure may require components; whatever the answer, it is a measured request.
    expect([201, 422, 400, 404]).toContain(created.statusCode);
    await t.app.inject({ url: '/api/public/dossiers/NOPE-260101-0001?phone=1234' });
    await t.db.kysely
      .insertInto('job')
      .values({
        kind: 'x', payload: '{}', dedupe_key: null, status: 'queued', attempts: 0, max_attempts: 3, run_at: '2026-01-01T00:00:00.000Z',
        locked_by: null, locked_until: null, last_error: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', finished_at: null,
      })
      .execute();
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/motcua_http_request_duration_seconds_bucket\{[^}]*route="\/api\/public\/dossiers\/:code"[^}]*status_code="404"/);
    expect(text).toMatch(/motcua_http_request_duration_seconds_count\{[^}]*route="\/api\/auth\/login"/);
    expect(text).toMatch(/motcua_job_queue_depth\{status="queued"\} 1/);
    expect(text).toContain('motcua_process_resident_memory_bytes');
    if (created.statusCode === 201) expect(text).toMatch(/motcua_dossiers\{status="received"\} \d+/);
  });
});

describe('the server process: JSON logs with request ids, graceful shutdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-ops-'));
  const DATABASE_URL = `sqlite:${join(dir, 'motcua.sqlite')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SIGTERM during requests lets the in-flight ones finish, then exits 0; logs are JSON lines with the request id', async () => {
    const seeded = spawnSync(process.execPath, ['bin/motcua.js', 'seed'], { env: { ...process.env, DATABASE_URL }, encoding: 'utf8', timeout: 60_000 });
    expect(seeded.status, seeded.stderr).toBe(0);
    const server = await startServer({ DATABASE_URL, LOG_LEVEL: 'info' });
    try {
      const health = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'proxy-req-0001' } });
      expect(health.headers.get('x-request-id')).toBe('proxy-req-0001');
      await server.waitFor((l) => l.includes('proxy-req-0001') && l.includes('request completed'));
      const logged = parseJsonLines(server.lines).filter((l) => l.reqId === 'proxy-req-0001');
      expect(logged.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
      expect(logged[0]).toMatchObject({ level: 30, req: { method: 'GET', url: '/healthz' } });

      // Each login has sent its headers but only half its body when SIGTERM arrives, so all of them are in
      // flight by construction (not by racing the server); the rest of each body follows the shutdown log line.
      const n = 12;
      const inFlight = Array.from({ length: n }, (_, i) => heldRequest(server.url, `slow-${i}`, { username: 'tiepnhan1', password: `sai-mat-khau-${i}` }));
      for (let i = 0; i < n; i++) await server.waitFor((l) => l.includes(`"reqId":"slow-${i}"`) && l.includes('incoming request'));
      server.proc.kill('SIGTERM');
      await server.waitFor((l) => l.includes('shutting down'));
      for (const r of inFlight) r.finish();
      const statuses = await Promise.all(inFlight.map((r) => r.status));
      expect(statuses).toEqual(Array(n).fill(401));
      expect(await server.exited).toBe(0);
      const messages = parseJsonLines(server.lines);
      const shutdownAt = messages.findIndex((m) => m.msg === 'shutting down');
      expect(shutdownAt).toBeGreaterThan(0);
      // Every request was still being received when the signal arrived, and each was answered, not cut.
      const completedAt = Array.from({ length: n }, (_, i) =>
        messages.findIndex((m) => m.reqId === `slow-${i}` && m.msg === 'request completed'),
      );
      expect(completedAt.every((at) => at > shutdownAt)).toBe(true);
    } finally {
      server.proc.kill('SIGKILL');
    }
  }, 60_000);
});

/** A JSON POST whose headers and first half of the body are sent now, and the rest on `finish()`. */
function heldRequest(baseUrl: string, requestId: string, payload: unknown): { status: Promise<number>; finish: () => void } {
  const body = Buffer.from(JSON.stringify(payload));
  const half = Math.floor(body.length / 2);
  const req = request(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(body.length), 'x-request-id': requestId },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
  });
  req.write(body.subarray(0, half));
  return { status, finish: () => req.end(body.subarray(half)) };
}
