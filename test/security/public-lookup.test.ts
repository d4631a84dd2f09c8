/**
 * Public look-up (GET /api/public/dossiers/{code}): rate limited per client, second factor required, and an
 * unknown code answers exactly like a wrong factor: same status, same body, same headers, same time.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { receive } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

const LONG = process.env.MOTCUA_TEST_LONG === '1';

/** Probability that a random draw of `a` exceeds one of `b` (Mann–Whitney U / (n·m)); 0.5 = indistinguishable. */
function superiority(a: number[], b: number[]): number {
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  let rankSumA = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]!.g === 0) rankSumA += rank;
    i = j;
  }
  const u = rankSumA - (a.length * (a.length + 1)) / 2;
  return u / (a.length * b.length);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

describeEachDialect('public look-up', (dialect) => {
  let db: Db;
  let t: TestApp;
  let code: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z', { security: { publicLookupLimit: 5, publicLookupWindowMinutes: 10 } });
    const reception = await t.login('tiepnhan1');
    for (let i = 0; i < 3; i++) await receive(t.app, reception, '1.004873');
    code = (await receive(t.app, reception, '1.004873')).json().code;
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('is rate limited per client address, with Retry-After; other clients are unaffected', async () => {
    const get = (ip: string) => t.app.inject({ method: 'GET', url: `/api/public/dossiers/${code}?phone=5678`, remoteAddress: ip });
    for (let i = 0; i < 5; i++) expect((await get('203.0.113.7')).statusCode).toBe(200);
    const limited = await get('203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBe(600);
    expect((await get('203.0.113.8')).statusCode).toBe(200);
    t.clock.advanceMinutes(11);
    expect((await get('203.0.113.7')).statusCode).toBe(200);
  });

  it('the /tra-cuu page spends the same per-address budget as the API and says so in Vietnamese', async () => {
    const page = (ip: string) => t.app.inject({ method: 'GET', url: `/tra-cuu?ma=${encodeURIComponent(code)}&sdt=5678`, remoteAddress: ip });
    for (let i = 0; i < 3; i++) expect((await page('203.0.113.21')).statusCode).toBe(200);
    // The API and the page share one count per address.
    for (let i = 0; i < 2; i++) {
      expect((await t.app.inject({ method: 'GET', url: `/api/public/dossiers/${code}?phone=5678`, remoteAddress: '203.0.113.21' })).statusCode).toBe(200);
    }
    const limited = await page('203.0.113.21');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBe(600);
    expect(limited.body).toContain('Tra cứu quá nhiều lần');
    expect((await page('203.0.113.22')).statusCode).toBe(200);
  });

  it('an unknown code, a missing factor and a wrong factor are indistinguishable in status, body, headers and time', async () => {
    const variants = {
      unknownCode: `/api/public/dossiers/000.00.34.H40-261201-9999?phone=5678`,
      wrongFactor: `/api/public/dossiers/${code}?phone=0000`,
      missingFactor: `/api/public/dossiers/${code}`,
    };
    let ip = 0;
    // A fresh address per request: the rate limit must not be what answers.
    const get = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: `198.51.${(ip >> 8) & 255}.${ip++ & 255}` });
    const first = await Promise.all(Object.values(variants).map(get));
    const strip = (h: Record<string, unknown>) => {
      const { date: _d, 'x-request-id': _r, ...rest } = h;
      return rest;
    };
    for (const r of first) {
      expect(r.statusCode).toBe(404);
      expect(r.body).toBe(first[0]!.body);
      expect(strip(r.headers)).toEqual(strip(first[0]!.headers));
    }
    // Timing: interleaved in random order so that machine load hits every variant alike; warm up first.
    const n = (LONG ? 6 : 1) * (dialect === 'sqlite' ? 250 : 120);
    const samples: Record<string, number[]> = { unknownCode: [], wrongFactor: [], missingFactor: [] };
    const keys = Object.keys(variants) as (keyof typeof variants)[];
    for (let i = 0; i < 30; i++) for (const k of keys) await get(variants[k]);
    for (let i = 0; i < n; i++) {
      const order = [...keys].sort(() => Math.random() - 0.5);
      for (const k of order) {
        const t0 = process.hrtime.bigint();
        await get(variants[k]);
        samples[k]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
    const a = samples.unknownCode!;
    const b = samples.wrongFactor!;
    const p = superiority(a, b);
    const ratio = median(a) / median(b);
    console.log(
      `[public look-up timing, ${dialect}] n=${n} per variant; median ms unknown=${median(a).toFixed(3)} wrong=${median(b).toFixed(3)} ` +
        `missing=${median(samples.missingFactor!).toFixed(3)}; P(unknown > wrong)=${p.toFixed(3)}; median ratio=${ratio.toFixed(3)}`,
    );
    // 0.5 means no difference; the bounds leave room for noise, not for a systematic extra query.
    expect(p).toBeGreaterThan(0.35);
    expect(p).toBeLessThan(0.65);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
    expect(superiority(samples.missingFactor!, b)).toBeGreaterThan(0.35);
    expect(superiority(samples.missingFactor!, b)).toBeLessThan(0.65);
  });
});
