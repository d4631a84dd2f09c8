import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leaderboard, scoreStaff } from '../../src/domain/report/recognition.ts';
import type { Db } from '../../src/server/db/database.ts';
import { type DemoHistoryResult, seedDemoHistory } from '../../src/server/seed/demo-history.ts';
import { SLOGANS } from '../../src/server/seed/demo-ward.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

const NOW = '2026-07-20T03:00:00.000Z';

it('leaderboard formula: weights renormalised over the components with data; unranked below the minimum of steps', () => {
  const base = { staffId: 1, stepsFinished: 10, stepsOnTime: 8, dossiersHandled: 5, supplementRequests: 1, overrides: 0, extensions: 1, rated: null, satisfied: null };
  const s = scoreStaff(base);
  expect(s.components).toEqual({ onTime: 0.8, ratings: null, supplement: 0.8, apologies: 0.8 });
  expect(s.score).toBe(80);
  expect(scoreStaff({ ...base, rated: 4, satisfied: 4 }).score).toBe(84);
  expect(scoreStaff({ ...base, overrides: 1 }).components.supplement).toBe(0.4);
  const board = leaderboard([base, { ...base, staffId: 2, stepsOnTime: 10 }, { ...base, staffId: 3, stepsFinished: 2, stepsOnTime: 2 }]);
  expect(board.map((b) => [b.staffId, b.rank])).toEqual([[2, 1], [1, 2], [3, null]]);
});

describeEachDialect('demo history, leaderboard and the review document', (dialect) => {
  let db: Db;
  let t: TestApp;
  let history: DemoHistoryResult;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    history = await db.kysely.transaction().execute((trx) => seedDemoHistory(trx, new Date(NOW), { dossiers: 240 }));
    t = await buildTestApp(db, NOW);
  }, 120_000);
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('the demo history is realistic: early, late, extended, supplemented, refused, open dossiers and PAKN', async () => {
    console.info(`[${dialect}] demo history`, history);
    expect(history.dossiers).toBe(240);
    // Its speed is not asserted here (speed belongs to bench/, not to timed tests); the time is logged above.
    for (const k of ['returned', 'late', 'extended', 'supplemented', 'refused', 'open', 'complaints'] as const) expect(history[k], k).toBeGreaterThan(0);
    const events = await db.kysely.selectFrom('dossier_event').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(events.n)).toBeGreaterThan(240 * 5);
    const monitor = await t.login('kiemsoat');
    const bieu = (await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-H1', headers: { cookie: monitor } })).json().views.original.total;
    expect(bieu['3']).toBe(bieu['7'] + bieu['11']);
    expect(bieu['8'] + bieu['9']).toBeGreaterThan(bieu['10']);
    expect(bieu['10']).toBeGreaterThan(0);
  });

  it('leaderboard: 401, 403, 400; officers ranked by the documented formula, facts agree with the step table', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/leaderboard?period=2026-H1' })).statusCode).toBe(401);
    const front = await t.login('mattran');
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/leaderboard?period=2026-H1', headers: { cookie: front } })).statusCode).toBe(403);
    const monitor = await t.login('kiemsoat');
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/leaderboard?period=2026-H3', headers: { cookie: monitor } })).statusCode).toBe(400);
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/leaderboard?period=2026-H1', headers: { cookie: monitor } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.formula.ratings).toBe('pending_data');
    const ranked = body.items.filter((i: { ranked: boolean }) => i.ranked);
    expect(ranked.length).toBeGreaterThan(3);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i].score).toBeLessThanOrEqual(ranked[i - 1].score);
    const top = ranked[0];
    const steps = await db.kysely
      .selectFrom('dossier_step')
      .select(['outcome'])
      .where('handler_id', '=', top.staffId)
      .where('outcome', 'is not', null)
      .where('completed_at', '>=', '2025-12-31T17:00:00.000Z')
      .where('completed_at', '<', '2026-06-30T17:00:00.000Z')
      .execute();
    expect(top.stepsFinished).toBe(steps.length);
    expect(top.stepsOnTime).toBe(steps.filter((s) => s.outcome !== 'late').length);
    const c = top.components;
    const expected = Math.round(((0.4 * c.onTime + 0.2 * c.supplement + 0.2 * c.apologies) / 0.8) * 1000) / 10;
    expect(top.score).toBeCloseTo(expected, 1);
  });

  it('review.docx: a real Word file with the slogans, both periods and the top staff; 400 for a later comparison period', async () => {
    const monitor = await t.login('kiemsoat');
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/review.docx?period=2026-H1&compareTo=2026-H2', headers: { cookie: monitor } })).statusCode).toBe(400);
    const bad = await t.app.inject({ method: 'GET', url: '/api/reports/review.docx?period=2026-H1&compareTo=2025-X', headers: { cookie: monitor } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('compareTo');
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/review.docx?period=2026-H1&compareTo=2025-H2', headers: { cookie: monitor } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const dir = mkdtempSync(join(tmpdir(), 'review-'));
    const file = join(dir, 'review.docx');
    writeFileSync(file, res.rawPayload);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
    const text = xml
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(text).toContain('SƠ KẾT thực hiện mô hình "3 không, 3 biết"');
    expect(text).toContain('6 tháng đầu năm 2026');
    expect(text).toContain('6 tháng cuối năm 2025');
    for (const s of SLOGANS) expect(text).toContain(s.text);
    expect(text).toContain('CÁ NHÂN TIÊU BIỂU');
    const board = (await t.app.inject({ method: 'GET', url: '/api/reports/leaderboard?period=2026-H1', headers: { cookie: monitor } })).json();
    expect(text).toContain(board.items[0].fullName);
    const figures = (await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-H1', headers: { cookie: monitor } })).json().views.original.total;
    expect(text).toContain(`Hồ sơ đã giải quyết0${figures['7']}`); // 2025-H2 had none: the "before" column is 0
  });
});
