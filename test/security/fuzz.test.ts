/**
 * Bad-input fuzzer driven by the OpenAPI document (/api/docs/json): generated and mutated requests to every
 * route, as anonymous and as each role. Every answer: no 5xx, no stack trace or SQL text, a status the route
 * declares and a body that matches its declared schema. Afterwards the database passes its integrity checks,
 * every dossier's projection agrees with its events and the audit chain verifies.
 * MOTCUA_FUZZ_REQUESTS (default 20 000 on SQLite, 1 500 on PostgreSQL; ×10 under test:long), MOTCUA_FUZZ_SEED.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { verifyChain } from '../../src/server/modules/audit/chain.ts';
import { createSession } from '../../src/server/modules/auth/session.repository.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { APPLICANT, procedureDetail, requiredComponentIds } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

// ajv-formats is CommonJS with a default export; under NodeNext its type is the module namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const LONG = process.env.MOTCUA_TEST_LONG === '1';
const SEED = Number(process.env.MOTCUA_FUZZ_SEED ?? 20261129);
const COUNT = (dialect: string) =>
  Number(process.env.MOTCUA_FUZZ_REQUESTS ?? 0) || (dialect === 'sqlite' ? 20_000 : 1_500) * (LONG ? 10 : 1);

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const HOSTILE_STRINGS = [
  '', ' ', "'", '"', '\\', "'; DROP TABLE dossier;--", "' OR '1'='1", '%', '%00', '\u0000', 'a\u0000b', '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '𝕏'.repeat(40), '\uD800', '\u202Eabc', 'Đ', 'ﷺ',
  'a'.repeat(5000), '9'.repeat(400), '-1', '0', '1e309', 'NaN', 'Infinity', 'null', 'true', '[]', '{}', '__proto__', 'constructor',
  '2026-02-30', '2026-13-01T00:00:00Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '9999-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z', '2026-12-01T25:61:61Z', '2026-12-01', 'H40-261201-0001', '000.00.34.H40-261201-99999999999999999999',
  '1.004222', '1.', '.', '0.0.0', 'TTPVHCC', 'admin', 'reception', 'x-261201-0000',
];
const HOSTILE_NUMBERS = [-1, 0, 1, 0.5, -0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 1e-300, 365.5, 366, 100000];

// biome-ignore lint: JSON schema
type Schema = any;

interface Ctx {
  dossierCodes: string[];
  procedureCodes: string[];
  spareUserIds: number[];
}

function hintFor(name: string, path: string, rng: Rng, ctx: Ctx): unknown {
  switch (name) {
    case 'code':
      return path.includes('procedures') ? rng.pick(ctx.procedureCodes) : rng.pick(ctx.dossierCodes);
    case 'procedureCode':
    case 'procedure':
      return rng.pick(ctx.procedureCodes);
    case 'date':
      return `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    case 'year':
      return rng.int(2020, 2034);
    case 'id':
      return rng.pick(ctx.spareUserIds);
    case 'divisionCode':
    case 'division':
      return rng.pick(['TTPVHCC', 'VP', 'KTHTDT', 'VHXH', 'CA', 'UBND']);
    case 'username':
      return `fz${rng.int(0, 1e9)}`;
    case 'password':
      return rng.chance(0.5) ? 'DongThanh@2026' : 'mot cau mat khau rat dai';
    case 'phone':
      return rng.chance(0.5) ? '5678' : String(rng.int(0, 9999)).padStart(4, '0');
    default:
      return undefined;
  }
}

function gen(schema: Schema, rng: Rng, ctx: Ctx, name: string, path: string, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  const hinted = hintFor(name, path, rng, ctx);
  if (hinted !== undefined && rng.chance(0.85)) return hinted;
  if (schema.anyOf || schema.oneOf) return gen(rng.pick(schema.anyOf ?? schema.oneOf), rng, ctx, name, path, depth + 1);
  if ('const' in schema) return schema.const;
  if (schema.enum) return rng.pick(schema.enum);
  const type = Array.isArray(schema.type) ? rng.pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries<Schema>(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(k) || rng.chance(0.5)) out[k] = gen(s, rng, ctx, k, path, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = rng.int(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4));
      return Array.from({ length: n }, () => gen(schema.items, rng, ctx, name, path, depth + 1));
    }
    case 'integer': {
      const lo = schema.minimum ?? 0;
      const hi = Math.min(schema.maximum ?? 500, lo + 500);
      return rng.int(lo, hi);
    }
    case 'number': {
      const lo = schema.minimum ?? 0;
      const step = schema.multipleOf ?? 1;
      return lo + step * rng.int(0, 40);
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    case 'string': {
      if (schema.format === 'date-time') return new Date(Date.UTC(rng.int(2024, 2031), rng.int(0, 11), rng.int(1, 28), rng.int(0, 23))).toISOString();
      const words = ['Nguyễn', 'Thị', 'Đông', 'Thanh', 'hồ sơ', 'lý do', 'phường', 'số 12'];
      let s = Array.from({ length: rng.int(1, 4) }, () => rng.pick(words)).join(' ');
      if (schema.minLength && s.length < schema.minLength) s = s.padEnd(schema.minLength, 'x');
      if (schema.maxLength && s.length > schema.maxLength) s = s.slice(0, schema.maxLength);
      return s;
    }
    default:
      return rng.pick(HOSTILE_STRINGS);
  }
}

function hostile(rng: Rng): unknown {
  const r = rng.int(0, 9);
  if (r < 5) return rng.pick(HOSTILE_STRINGS);
  if (r < 7) return rng.pick(HOSTILE_NUMBERS);
  if (r === 7) return rng.pick([null, true, false, [], {}, [1, 'a'], { $gt: '' }]);
  let deep: unknown = 'x';
  for (let i = 0; i < rng.int(5, 60); i++) deep = rng.chance(0.5) ? [deep] : { a: deep };
  return r === 8 ? deep : { __proto__: { role: 'admin' }, constructor: { prototype: { x: 1 } } };
}

/** Changes one thing somewhere in a value. */
function mutate(value: unknown, rng: Rng, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 4 || rng.chance(0.25)) return hostile(rng);
  if (Array.isArray(value)) {
    const copy = [...value];
    if (copy.length && rng.chance(0.6)) {
      const i = rng.int(0, copy.length - 1);
      copy[i] = mutate(copy[i], rng, depth + 1);
    } else copy.push(hostile(rng));
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const op = rng.int(0, 3);
  if (op === 0 && keys.length) delete copy[rng.pick(keys)];
  else if (op === 1) copy[rng.pick(['extra', 'status', 'role', 'isActive', 'id', 'divisionId', '__proto__', 'x'.repeat(300)])] = hostile(rng);
  else if (keys.length) {
    const k = rng.pick(keys);
    copy[k] = mutate(copy[k], rng, depth + 1);
  }
  return copy;
}

/** Lone surrogates cannot be URI-encoded: send the bytes of an invalid UTF-8 sequence instead. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

const STACK = /\n\s+at [^\n]+\(|\bat [\w.<>]+ \([^)]*\.[tj]s:\d+|node_modules|\/src\/server\//;
const SQLTEXT = /\b(SELECT\s.+\sFROM|INSERT INTO|UPDATE\s+\w+\s+SET|DELETE FROM|SQLITE_|sqlite3?|syntax error|violates|relation "|duplicate key|no such (table|column)|constraint failed|pg_|kysely)\b/i;

interface Op {
  method: string;
  path: string;
  params: Schema[];
  body: Schema | undefined;
  responses: Record<string, Schema | undefined>;
}

describeEachDialect('OpenAPI-driven fuzzer', (dialect) => {
  let db: Db;
  let t: TestApp;
  const ctx: Ctx = { dossierCodes: [], procedureCodes: [], spareUserIds: [] };
  const actors: { username: string; role: string; id: number; divisionId: number | null }[] = [];
  const sessions = new Map<string, string>();
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db);
    ctx.procedureCodes = (await db.kysely.selectFrom('procedure').select('code').execute()).map((r) => r.code);
    const users = await db.kysely.selectFrom('staff_user').select(['id', 'username', 'role', 'division_id']).execute();
    for (const u of ['tiepnhan1', 'diachinh1', 'truongphongkt', 'chutich', 'kiemsoat', 'mattran', 'admin', 'hotich1']) {
      const r = users.find((x) => x.username === u)!;
      actors.push({ username: u, role: r.role, id: r.id, divisionId: r.division_id });
    }
    ctx.spareUserIds = users.filter((u) => ['ldtbxh2', 'vanhoa1', 'kinhte1', 'cutru2'].includes(u.username)).map((u) => u.id);
    await resetActors();
    for (let i = 0; i < 6; i++) {
      const p = await procedureDetail(t.app, ctx.procedureCodes[i * 4]!);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: { cookie: sessions.get('tiepnhan1')! },
        payload: { procedureCode: p.code, channel: 'direct', applicant: APPLICANT, submittedComponents: requiredComponentIds(p) },
      });
      if (res.statusCode === 201) ctx.dossierCodes.push(res.json().code);
    }
    expect(ctx.dossierCodes.length).toBeGreaterThan(3);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  /** Fuzzed admin requests may lock accounts or change roles: put the actors back and give them fresh sessions. */
  async function resetActors() {
    for (const a of actors) {
      await db.kysely.updateTable('staff_user').set({ is_active: 1, role: a.role, division_id: a.divisionId }).where('id', '=', a.id).execute();
      const token = await createSession(db.kysely, a.id, t.clock.now(), 720, 'full');
      sessions.set(a.username, `motcua_session=${token}`);
    }
  }

  it('answers every generated and mutated request without a 5xx, leaks nothing, keeps its schemas and the database intact', { timeout: 1_800_000 }, async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi.json', components: doc.components });
    const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
    const validatorFor = (schema: Schema) => {
      const text = JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/');
      let v = compiled.get(text);
      if (!v) {
        v = ajv.compile(JSON.parse(text));
        compiled.set(text, v);
      }
      return v;
    };
    const ops: Op[] = [];
    for (const [path, methods] of Object.entries<Record<string, Schema>>(doc.paths)) {
      // The queue's server-sent-event stream never ends, so inject() cannot read it (test/routes/queue.test.ts covers it).
      if (path === '/api/public/queue/stream') continue;
      for (const [method, op] of Object.entries<Schema>(methods)) {
        const responses: Record<string, Schema | undefined> = {};
        for (const [status, r] of Object.entries<Schema>(op.responses ?? {})) responses[status] = r?.content?.['application/json']?.schema;
        ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema, responses });
      }
    }
    expect(ops.length).toBeGreaterThanOrEqual(19);
    // Every route passes the input guards (NUL in a value → 400): a route that declares its answers declares 400
    // too, checked for all of them here rather than when the random walk happens to reach one.
    expect(ops.filter((o) => Object.keys(o.responses).length > 0 && !('400' in o.responses)).map((o) => `${o.method} ${o.path}`)).toEqual([]);

    // Routes that hash a password (argon2id, tens of ms by design) get a sixteenth of the share of the others.
    const EXPENSIVE = new Set(['POST /api/auth/login', 'POST /api/users']);
    const schedule = ops.flatMap((o) => Array.from({ length: EXPENSIVE.has(`${o.method} ${o.path}`) ? 1 : 16 }, () => o));
    const rng = prng(SEED + (dialect === 'sqlite' ? 0 : 1));
    const total = COUNT(dialect);
    const failures: string[] = [];
    const stats = new Map<string, Map<number, number>>();
    const timeByOp = new Map<string, number>();
    const started = Date.now();
    for (let i = 0; i < total; i++) {
      if (i % 400 === 399) await resetActors();
      const op = schedule[i % schedule.length]!;
      const mutateIt = rng.chance(0.6);
      const path: Record<string, unknown> = {};
      const query: Record<string, unknown> = {};
      for (const p of op.params) {
        const v = p.in === 'path' || p.required || rng.chance(0.5) ? gen(p.schema, rng, ctx, p.name, op.path) : undefined;
        if (v === undefined) continue;
        (p.in === 'path' ? path : p.in === 'query' ? query : {})[p.name] = v;
      }
      let body: unknown = op.body ? gen(op.body, rng, ctx, '', op.path) : undefined;
      if (op.method === 'POST' && op.path === '/api/dossiers' && rng.chance(0.5)) {
        const code = rng.pick(ctx.procedureCodes);
        const p = await procedureDetail(t.app, code);
        body = { procedureCode: code, channel: 'direct', applicant: APPLICANT, submittedComponents: requiredComponentIds(p) };
      }
      let rawPayload: string | undefined;
      const headers: Record<string, string> = {};
      if (mutateIt) {
        const where = rng.int(0, 5);
        if (where <= 1 && op.body) body = mutate(body, rng);
        else if (where === 2) {
          const keys = Object.keys(path);
          if (keys.length) path[rng.pick(keys)] = hostile(rng);
          else query[rng.pick(['x', 'limit', 'q', 'phone', 'status'])] = hostile(rng);
        } else if (where === 3) {
          const keys = Object.keys(query);
          if (keys.length) query[rng.pick(keys)] = rng.chance(0.5) ? hostile(rng) : [hostile(rng), hostile(rng)];
          else query.extra = hostile(rng);
        } else if (where === 4) {
          rawPayload = rng.pick(['{', '{"a":', 'null', '[]', '"x"', '{"username":1e999}', '\u0000', 'a=b&c=d', JSON.stringify(body ?? {}).slice(0, 5), '{"a":1,"a":2}']);
          headers['content-type'] = rng.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']);
        } else {
          headers[rng.pick(['idempotency-key', 'x-csrf-token', 'cookie', 'origin', 'sec-fetch-site', 'content-length'])] = String(hostile(rng)).slice(0, 500);
        }
      }
      let url = op.path.replace(/\{(\w+)\}/g, (_m, k: string) => enc(String(path[k] ?? '')));
      const qs = Object.entries(query)
        .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))
        .map(([k, v]) => `${enc(String(k))}=${enc(typeof v === 'object' ? JSON.stringify(v) : String(v))}`)
        .join('&');
      if (qs) url += `?${qs}`;
      const who = rng.chance(0.15) ? null : rng.pick(actors);
      // Logging in or out through the fuzzer would end the fuzzer's own sessions: those go without a cookie.
      const cookie = who && !op.path.startsWith('/api/auth/log') ? sessions.get(who.username) : undefined;
      if (cookie && !('cookie' in headers)) headers.cookie = cookie;
      if (op.method === 'POST' && op.path === '/api/dossiers' && rng.chance(0.3)) headers['idempotency-key'] = `fuzz-key-${rng.int(0, 50)}`;

      let res;
      const t0 = performance.now();
      try {
        res = await t.app.inject({
          method: op.method as 'GET',
          url,
          headers,
          ...(rawPayload !== undefined ? { payload: rawPayload } : body !== undefined ? { payload: body as object } : {}),
        });
      } catch (err) {
        failures.push(`#${i} ${op.method} ${url}: inject threw ${String(err).slice(0, 200)}`);
        continue;
      }
      const key = `${op.method} ${op.path}`;
      timeByOp.set(key, (timeByOp.get(key) ?? 0) + performance.now() - t0);
      const byStatus = stats.get(key) ?? new Map<number, number>();
      byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
      stats.set(key, byStatus);
      const label = `#${i} ${op.method} ${url.slice(0, 160)} ${rawPayload ?? JSON.stringify(body)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
      if (res.statusCode >= 500) failures.push(`5xx: ${label}`);
      if (STACK.test(res.body)) failures.push(`stack trace: ${label}`);
      if (SQLTEXT.test(res.body)) failures.push(`SQL text: ${label}`);
      if (!(String(res.statusCode) in op.responses)) failures.push(`undeclared status: ${label}`);
      else {
        const schema = op.responses[String(res.statusCode)];
        if (schema && res.statusCode !== 204) {
          let json: unknown;
          try {
            json = res.json();
          } catch {
            failures.push(`not JSON: ${label}`);
            continue;
          }
          const validate = validatorFor(schema);
          if (!validate(json)) failures.push(`schema: ${ajv.errorsText(validate.errors)}: ${label}`);
        }
      }
      if (res.statusCode === 201 && op.path === '/api/dossiers') ctx.dossierCodes.push(res.json().code);
      if (failures.length >= 30) break;
    }
    const seconds = (Date.now() - started) / 1000;
    const summary = [...stats.entries()]
      .map(([k, m]) => `  ${k} (${((timeByOp.get(k) ?? 0) / [...m.values()].reduce((a, b) => a + b, 0)).toFixed(1)} ms avg): ${[...m.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`)
      .join('\n');
    console.log(`[fuzzer, ${dialect}] ${total} requests in ${seconds.toFixed(1)} s (seed ${SEED}), ${failures.length} failures, ${ctx.dossierCodes.length} dossiers\n${summary}`);
    expect(failures).toEqual([]);
    expect(stats.size).toBe(ops.length);

    // Integrity afterwards.
    if (dialect === 'sqlite') {
      expect((await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db.kysely)).rows).toEqual([{ integrity_check: 'ok' }]);
      expect((await sql`PRAGMA foreign_key_check`.execute(db.kysely)).rows).toEqual([]);
    } else {
      // Every foreign key of the schema, checked by query (PostgreSQL enforces them; this proves nothing slipped past).
      const fks = await sql<{ tbl: string; col: string; ref: string; refcol: string }>`
        SELECT tc.table_name AS tbl, kcu.column_name AS col, ccu.table_name AS ref, ccu.column_name AS refcol
        FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name
        JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name
        WHERE tc.constraint_type = 'FOREIGN KEY'`.execute(db.kysely);
      expect(fks.rows.length).toBeGreaterThan(5);
      for (const fk of fks.rows) {
        const orphans = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(fk.tbl)} c
          WHERE c.${sql.ref(fk.col)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${sql.table(fk.ref)} p WHERE p.${sql.ref(fk.refcol)} = c.${sql.ref(fk.col)})`.execute(db.kysely);
        expect(orphans.rows[0]!.n, `${fk.tbl}.${fk.col} → ${fk.ref}`).toBe(0);
      }
    }
    // Every dossier: events numbered 1..n, the projection's status is the last event's.
    const dossiers = await db.kysely.selectFrom('dossier').select(['id', 'code', 'status']).execute();
    for (const d of dossiers) {
      const events = await db.kysely.selectFrom('dossier_event').select(['seq', 'to_status']).where('dossier_id', '=', d.id).orderBy('seq').execute();
      expect(events.length, d.code).toBeGreaterThan(0);
      expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
      expect(events[events.length - 1]!.to_status, d.code).toBe(d.status);
    }
    const chain = await verifyChain(db.kysely);
    expect(chain.problems).toEqual([]);
    console.log(`[fuzzer, ${dialect}] integrity ok; ${dossiers.length} dossiers consistent with their events; audit chain ${chain.links} links verified`);
  });
});
