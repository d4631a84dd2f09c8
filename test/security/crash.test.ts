/**
 * Crash safety: the real server process (node bin/motcua.js serve, temp SQLite file) under concurrent
 * writers, killed with SIGKILL again and again. After every run: zero acknowledged writes lost, zero
 * duplicate dossiers for one Idempotency-Key (in-flight requests are retried with the same key after the
 * restart), every dossier has its events, database and audit chain intact.
 *
 * The server is src/server/cli.ts bundled once by esbuild (node_modules stay external), started as
 * `node motcua.mjs serve`: the same code as bin/motcua.js, without tsx's per-module loader cost, which
 * made each restart take seconds on a loaded 2-core machine (docs/adr/0021-crash-harness-bundle.md).
 *
 * The harness must be able to fail: the same run against a copy of the sources patched with an
 * "answer before commit" bug (the 201 is sent inside the transaction, which commits 2 s later) must
 * lose acknowledged writes. The bug lives only in that temporary copy; production code has no hook.
 * MOTCUA_CRASH_CYCLES (default 50; 300 under test:long).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/server/db/schema.ts';
import { verifyChain } from '../../src/server/modules/audit/chain.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-ward.ts';
import { APPLICANT, type ProcedureDetail, requiredComponentIds } from '../fixtures.ts';

const LONG = process.env.MOTCUA_TEST_LONG === '1';
const CYCLES = Number(process.env.MOTCUA_CRASH_CYCLES ?? 0) || (LONG ? 300 : 50);
const WRITERS = 4;
const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'motcua-crash-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Bundles a program tree's CLI into one ES module next to its node_modules. */
async function bundle(programDir: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(programDir === ROOT ? work : programDir, 'motcua.mjs');
  await build({
    entryPoints: [join(programDir, 'src/server/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
    footer: { js: 'process.exitCode = await main(process.argv.slice(2));' },
  });
  if (programDir === ROOT) symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'));
  return outfile;
}

/** A copy of the program with the "answer before commit" bug planted. */
function plantedCopy(): string {
  const dir = join(work, 'planted');
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const file = join(dir, 'src/server/modules/dossier/dossier.routes.ts');
  const text = readFileSync(file, 'utf8');
  const anchor = '          return dossier.code;\n        });';
  expect(text.includes(anchor), 'the planted bug needs its anchor in dossier.routes.ts').toBe(true);
  writeFileSync(
    file,
    text.replace(
      anchor,
      `          void reply.status(201).send({ code: dossier.code, status: dossier.status, receivedAt: null, dueAt: null });
          await new Promise((r) => setTimeout(r, 2000));
          return dossier.code;
        });
        if (reply.sent) return reply;`,
    ),
  );
  return dir;
}

interface RunResult {
  cycles: number;
  acknowledged: number;
  retriedInFlight: number;
  lost: string[];
  duplicates: string[];
  withoutEvents: string[];
  problems: string[];
  seconds: number;
}

async function run(program: string, cycles: number, label: string): Promise<RunResult> {
  const started = Date.now();
  const file = join(work, `${label}.sqlite`);
  copyFileSync(inject('sqliteTemplate'), file);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;

  async function start() {
    server = spawn(process.execPath, [program, 'serve'], {
      cwd: work,
      env: { ...process.env, DATABASE_URL: `sqlite:${file}`, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 1200; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) return;
      } catch {
        /* not up yet */
      }
      await sleep(25);
    }
    throw new Error('server did not start');
  }
  async function kill() {
    const s = server!;
    const exited = new Promise((r) => s.once('exit', r));
    s.kill('SIGKILL');
    await exited;
  }

  await start();
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tiepnhan1', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const components = requiredComponentIds((await (await fetch(`${base}/api/procedures/1.004873`)).json()) as ProcedureDetail);
  const writerErrors: string[] = [];

  const acked = new Map<string, string>(); // idempotency key → dossier code
  let retriedInFlight = 0;
  let stop = false;
  const writer = async (w: number) => {
    for (let n = 0; !stop; n++) {
      const key = `crash-${label}-${w}-${n}`;
      const body = JSON.stringify({
        procedureCode: '1.004873',
        channel: 'direct',
        applicant: { ...APPLICANT, fullName: `Người nộp ${key}` },
        submittedComponents: components,
      });
      for (let attempt = 0; ; attempt++) {
        if (stop && attempt > 0) break;
        try {
          const res = await fetch(`${base}/api/dossiers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, 'idempotency-key': key },
            body,
          });
          const json = (await res.json()) as { code?: string };
          if (res.status === 201 && json.code) {
            acked.set(key, json.code);
            if (attempt > 0) retriedInFlight++;
            break;
          }
          if (res.status >= 500) throw new Error(`server answered ${res.status}`);
          throw new Error(`unexpected ${res.status} ${JSON.stringify(json)}`);
        } catch (err) {
          if (String(err).includes('unexpected')) throw err;
          // Connection refused or reset: the server is down; retry the same key once it is back.
          await sleep(30);
        }
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, (_v, w) =>
    writer(w).catch((err) => {
      writerErrors.push(String(err).slice(0, 300));
    }),
  );
  for (let c = 0; c < cycles; c++) {
    await sleep(60 + Math.random() * 240);
    await kill();
    await start();
  }
  await sleep(200);
  stop = true;
  await Promise.all(writers);
  await kill();

  // Inspect the file the way a restarted server would find it.
  const sqlite = new SQLite(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const problems: string[] = [...writerErrors];
  const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  if (integrity[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
  const fk = sqlite.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
  const dossiers = await db.selectFrom('dossier').select(['id', 'code', 'status', 'applicant_name']).execute();
  const byCode = new Map(dossiers.map((d) => [d.code, d]));
  const lost = [...acked.entries()].filter(([, code]) => !byCode.has(code)).map(([k, code]) => `${k} → ${code}`);
  const perKey = new Map<string, number>();
  for (const d of dossiers) if (d.applicant_name.includes(`crash-${label}-`)) perKey.set(d.applicant_name, (perKey.get(d.applicant_name) ?? 0) + 1);
  const duplicates = [...perKey.entries()].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
  const codes = new Set(dossiers.map((d) => d.code));
  if (codes.size !== dossiers.length) duplicates.push('duplicate dossier codes');
  const withoutEvents: string[] = [];
  for (const d of dossiers) {
    const events = await db.selectFrom('dossier_event').select(['seq', 'to_status']).where('dossier_id', '=', d.id).orderBy('seq').execute();
    if (events.length === 0 || events[events.length - 1]!.to_status !== d.status || events.some((e, i) => e.seq !== i + 1)) withoutEvents.push(d.code);
  }
  const chain = await verifyChain(db);
  problems.push(...chain.problems);
  await db.destroy();
  return { cycles, acknowledged: acked.size, retriedInFlight, lost, duplicates, withoutEvents, problems, seconds: (Date.now() - started) / 1000 };
}

describe('crash safety under SIGKILL', () => {
  it(`loses no acknowledged write over ${CYCLES} kill cycles, duplicates nothing, keeps every dossier whole`, { timeout: 3_600_000 }, async () => {
    const r = await run(await bundle(ROOT), CYCLES, 'real');
    console.log(
      `[crash, real server] ${r.cycles} SIGKILL cycles in ${r.seconds.toFixed(0)} s, ${WRITERS} writers: ${r.acknowledged} acknowledged writes, ` +
        `${r.retriedInFlight} in-flight requests retried after a restart; lost ${r.lost.length}, duplicates ${r.duplicates.length}, ` +
        `dossiers without consistent events ${r.withoutEvents.length}, other problems ${r.problems.length}`,
    );
    expect(r.acknowledged).toBeGreaterThan(r.cycles);
    expect(r.lost).toEqual([]);
    expect(r.duplicates).toEqual([]);
    expect(r.withoutEvents).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  // Runs under `npm run test:long`: how many acknowledged writes a kill catches in the answer-to-commit window
  // depends on the machine's load, and a CI that fails at random lands nothing. Demonstrated in docs/security.md.
  it.runIf(LONG)('fails on a planted "answer before commit" bug', { timeout: 3_600_000 }, async () => {
    const program = await bundle(plantedCopy());
    let r: RunResult | undefined;
    // A handful of cycles is plenty: with four writers a kill almost always lands in the 2 s window between
    // the answer and the commit (a short window made this test flaky on a loaded machine).
    for (let tries = 0; tries < 5 && (!r || r.lost.length === 0); tries++) r = await run(program, 12, `planted${tries}`);
    console.log(`[crash, planted bug] ${r!.cycles} cycles: ${r!.acknowledged} acknowledged, ${r!.lost.length} acknowledged writes LOST (expected > 0)`);
    expect(r!.lost.length).toBeGreaterThan(0);
  });
});
