/**
 * Crash safety: the real server process (bundled `motcua serve`) on a temporary SQLite file and on a
 * PostgreSQL clone, under four concurrent writers, killed with SIGKILL again and again. After every run:
 * zero acknowledged writes lost, one dossier per Idempotency-Key (requests cut off by a kill are retried
 * with the same key after the restart), every dossier has its events, database and audit chain intact.
 *
 * Choreography: kills alternate between the exact moment an acknowledgement (201) reaches a writer — the
 * window an "answer before commit" bug would lose — and a random moment 0–250 ms after the restarted
 * process acknowledged its first write (inside transactions, between requests).
 *
 * The harness must be able to fail, deterministically: a second bundle with the planted bug of
 * ./crash-planted.ts (201 sent inside the transaction, commit held) goes through the same choreography
 * and must lose at least one acknowledged write per cycle, on both databases.
 *
 * The server is src/server/cli.ts bundled by esbuild with its pure-JS dependencies (native and
 * file-reading packages stay external): a restart costs ~40% less CPU than with node_modules loaded
 * file by file (docs/adr/0021-crash-harness.md).
 * MOTCUA_CRASH_CYCLES (default 20 per database, about 10 s each on a loaded 2-core machine; 300 under test:long).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DialectName } from '../../src/server/db/database.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { verifyChain } from '../../src/server/modules/audit/chain.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-ward.ts';
import { clonePgTemplate, describeEachDialect } from '../databases.ts';
import { APPLICANT, type ProcedureDetail, requiredComponentIds } from '../fixtures.ts';
import { plantAnswerBeforeCommit } from './crash-planted.ts';

const LONG = process.env.MOTCUA_TEST_LONG === '1';
const CYCLES = Number(process.env.MOTCUA_CRASH_CYCLES ?? 0) || (LONG ? 300 : 20);
const PLANTED_CYCLES = 3;
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

/** Bundles the CLI into `<work>/<name>/motcua.mjs`; `planted` adds the test-only bug. */
async function bundle(name: string, planted: boolean): Promise<string> {
  const { build } = await import('esbuild');
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const outfile = join(dir, 'motcua.mjs');
  await build({
    entryPoints: [join(ROOT, 'src/server/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Native addons and packages that read files next to their own sources stay in node_modules.
    external: ['better-sqlite3', 'argon2', 'pg-native', 'pdfkit', 'fontkit', '@fastify/swagger-ui', '@fastify/static', 'esbuild', 'vite', '@vitejs/plugin-react'],
    banner: {
      js:
        "import { createRequire as __mcRequire } from 'node:module'; import { fileURLToPath as __mcPath } from 'node:url'; import { dirname as __mcDir } from 'node:path';" +
        ' const require = __mcRequire(import.meta.url); const __filename = __mcPath(import.meta.url); const __dirname = __mcDir(__filename);',
    },
    footer: { js: 'process.exitCode = await main(process.argv.slice(2));' },
    plugins: planted ? [plantAnswerBeforeCommit] : [],
    logLevel: 'silent',
  });
  return outfile;
}

interface RunResult {
  cycles: number;
  killsAtAck: number;
  acknowledged: number;
  retriedInFlight: number;
  lost: string[];
  duplicates: string[];
  withoutEvents: string[];
  problems: string[];
  seconds: number;
}

/** A fresh database for one run: a copy of the SQLite template, or a PostgreSQL clone. */
async function freshDatabase(dialect: DialectName, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'postgres') return clonePgTemplate();
  const file = join(work, `${label}.sqlite`);
  copyFileSync(inject('sqliteTemplate'), file);
  return { url: `sqlite:${file}`, drop: async () => {} };
}

/**
 * Runs `cycles` kill cycles. `everyKillAtAck` (the planted run) kills only at acknowledgements;
 * otherwise even cycles kill at the next acknowledgement and odd ones at a random moment.
 */
async function run(program: string, dialect: DialectName, cycles: number, label: string, everyKillAtAck: boolean): Promise<RunResult> {
  const started = Date.now();
  const database = await freshDatabase(dialect, label);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let onAck: (() => void) | null = null;
  let ackWaiter: (() => void) | null = null;
  let killsAtAck = 0;

  async function start() {
    server = spawn(process.execPath, [program, 'serve'], {
      cwd: work,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        // PostgreSQL installs must configure the key of the secrets at rest; SQLite makes a key file.
        ...(dialect === 'postgres' ? { MOTCUA_SECRET_KEY: '5'.repeat(64) } : {}),
      },
      stdio: 'ignore',
    });
    for (let i = 0; i < 2400; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) return;
      } catch {
        /* not up yet */
      }
      await sleep(25);
    }
    throw new Error('server did not start');
  }
  function exitOf(s: ChildProcess): Promise<void> {
    return s.exitCode !== null || s.signalCode !== null ? Promise.resolve() : new Promise((r) => s.once('exit', () => r()));
  }
  async function kill() {
    const s = server!;
    const exited = exitOf(s);
    s.kill('SIGKILL');
    await exited;
  }
  /** Kills the server synchronously, the instant a writer has read a 201. */
  async function killAtNextAck() {
    const s = server!;
    const exited = exitOf(s);
    onAck = () => {
      onAck = null;
      killsAtAck++;
      s.kill('SIGKILL');
    };
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
            onAck?.();
            ackWaiter?.();
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
    if (everyKillAtAck || c % 2 === 0) {
      await killAtNextAck();
    } else {
      // Once the new process has acknowledged a write (it is up and writing), at a random moment.
      await new Promise<void>((r) => {
        ackWaiter = () => {
          ackWaiter = null;
          r();
        };
      });
      await sleep(Math.random() * 250);
      await kill();
    }
    await start();
  }
  await sleep(200);
  stop = true;
  await kill(); // a planted server would hold its last request for a minute
  await Promise.all(writers);

  // Inspect the database the way a restarted server would find it.
  const problems: string[] = [...writerErrors];
  let db: Kysely<Database>;
  if (dialect === 'sqlite') {
    const sqlite = new SQLite(database.url.slice('sqlite:'.length));
    const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
    const fk = sqlite.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else {
    db = openDatabase(database.url).kysely; // PostgreSQL enforces its foreign keys itself
  }
  const dossiers = await db.selectFrom('dossier').select(['id', 'code', 'status', 'applicant_name']).execute();
  const byCode = new Map(dossiers.map((d) => [d.code, d]));
  // Lost: the acknowledged code is missing, or (after a rolled-back sequence) now belongs to another request.
  const lost = [...acked.entries()]
    .filter(([key, code]) => byCode.get(code)?.applicant_name !== `Người nộp ${key}`)
    .map(([k, code]) => `${k} → ${code}`);
  const perKey = new Map<string, number>();
  for (const d of dossiers) if (d.applicant_name.includes(`crash-${label}-`)) perKey.set(d.applicant_name, (perKey.get(d.applicant_name) ?? 0) + 1);
  const duplicates = [...perKey.entries()].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
  const codes = new Set(dossiers.map((d) => d.code));
  if (codes.size !== dossiers.length) duplicates.push('duplicate dossier codes');
  const withoutEvents: string[] = [];
  const events = await db.selectFrom('dossier_event').select(['dossier_id', 'seq', 'to_status']).orderBy('dossier_id').orderBy('seq').execute();
  const eventsOf = new Map<number, { seq: number; to_status: string }[]>();
  for (const e of events) eventsOf.set(e.dossier_id, [...(eventsOf.get(e.dossier_id) ?? []), e]);
  for (const d of dossiers) {
    const es = eventsOf.get(d.id) ?? [];
    if (es.length === 0 || es[es.length - 1]!.to_status !== d.status || es.some((e, i) => e.seq !== i + 1)) withoutEvents.push(d.code);
  }
  problems.push(...(await verifyChain(db)).problems);
  await db.destroy();
  await database.drop();
  return {
    cycles,
    killsAtAck,
    acknowledged: acked.size,
    retriedInFlight,
    lost,
    duplicates,
    withoutEvents,
    problems,
    seconds: (Date.now() - started) / 1000,
  };
}

let realProgram: string;
let plantedProgram: string;
beforeAll(async () => {
  realProgram = await bundle('real', false);
  plantedProgram = await bundle('planted', true);
});

describeEachDialect('crash safety under SIGKILL', (dialect) => {
  it(`loses no acknowledged write over ${CYCLES} kill cycles, duplicates nothing, keeps every dossier whole`, { timeout: 3_600_000 }, async () => {
    const r = await run(realProgram, dialect, CYCLES, `real-${dialect}`, false);
    console.log(
      `[crash, real server, ${dialect}] ${r.cycles} SIGKILL cycles (${r.killsAtAck} at an acknowledgement) in ${r.seconds.toFixed(0)} s, ${WRITERS} writers: ` +
        `${r.acknowledged} acknowledged writes, ${r.retriedInFlight} in-flight requests retried after a restart; lost ${r.lost.length}, ` +
        `duplicates ${r.duplicates.length}, dossiers without consistent events ${r.withoutEvents.length}, other problems ${r.problems.length}`,
    );
    expect(r.killsAtAck).toBe(Math.ceil(r.cycles / 2));
    expect(r.acknowledged).toBeGreaterThanOrEqual(r.cycles);
    expect(r.lost).toEqual([]);
    expect(r.duplicates).toEqual([]);
    expect(r.withoutEvents).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it('detects the planted "answer before commit" bug: every kill at an acknowledgement loses that write', { timeout: 600_000 }, async () => {
    const r = await run(plantedProgram, dialect, PLANTED_CYCLES, `planted-${dialect}`, true);
    console.log(
      `[crash, planted bug, ${dialect}] ${r.cycles} cycles in ${r.seconds.toFixed(0)} s: ${r.acknowledged} acknowledged, ` +
        `${r.lost.length} acknowledged writes LOST (expected ≥ ${r.cycles})`,
    );
    expect(r.killsAtAck).toBe(r.cycles);
    expect(r.lost.length).toBeGreaterThanOrEqual(r.cycles);
  });
});
