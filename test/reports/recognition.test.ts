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
    for (const k of ['returned', 'late', 'extended', 'supplemented', 'refused', 'open', 'complaints', 'tickets', 'ratings', 'followUps'] as const) expect(history[k], k).toBeGreaterThan(0);
    const events = await db.kysely.selectFrom('dossier_event').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(events.n)).toBeGreaterThan(240 * 5);
    const monitor = await t.login('kiemsoat');
    const bieu = (await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-H1', headers: { cookie: monitor } })).json().views.original.total;
    expect(bieu['3']).toBe(bieu['7'] + bieu['11']);
    expect(bieu['8'] + bieu['9']).toBeGreaterThan(bieu['10']);
    expect(bieu['10']).toBeGreaterThan(0);
  });

  it('the demo history has counter queue tickets and satisfaction ratings, written as the product writes them', async () => {
    const count = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
    const tickets = await db.kysely.selectFrom('queue_ticket').selectAll().execute();
    expect(tickets).toHaveLength(history.tickets);
    // Every receipt came through the kiosk and is linked to its ticket; a few more citizens came only for guidance.
    expect(tickets.filter((x) => x.dossier_id !== null)).toHaveLength(history.dossiers);
    expect(history.tickets).toBeGreaterThan(history.dossiers);
    expect(tickets.filter((x) => x.status === 'skipped')).toHaveLength(history.skipped);
    expect(history.skipped).toBeGreaterThan(0);
    expect(tickets.every((x) => x.status === 'done' || x.status === 'skipped')).toBe(true);
    expect(new Set(tickets.map((x) => x.counter_id)).size).toBeGreaterThanOrEqual(3);
    for (const x of tickets) {
      // Working hours of a working day (Vietnam time), issued before called, served before done.
      const local = new Date(Date.parse(x.issued_at) + 7 * 3600_000);
      expect(local.getUTCHours() * 60 + local.getUTCMinutes(), x.display).toBeGreaterThanOrEqual(7 * 60 + 30);
      expect(local.getUTCHours(), x.display).toBeLessThan(17);
      expect([0, 6], x.display).not.toContain(local.getUTCDay());
      expect(x.called_at! > x.issued_at, x.display).toBe(true);
      if (x.status === 'done') expect(x.done_at! > x.serving_at! && x.serving_at! > x.called_at!, x.display).toBe(true);
    }
    // Each ticket step was audited by the counter officer, as at the real counter.
    expect(await count(db.kysely.selectFrom('audit_log').select(({ fn }) => fn.countAll<number>().as('n')).where('action', '=', 'queue.done').executeTakeFirstOrThrow())).toBe(
      history.tickets - history.skipped,
    );

    const rated = await db.kysely.selectFrom('rating').selectAll().where('score', 'is not', null).execute();
    expect(rated).toHaveLength(history.ratings);
    expect(await count(db.kysely.selectFrom('audit_log').select(({ fn }) => fn.countAll<number>().as('n')).where('action', '=', 'rating.submitted').executeTakeFirstOrThrow())).toBe(history.ratings);
    // Not every returned dossier is rated (about two in three); most are satisfied, the low ones say why.
    const ratedDossiers = rated.filter((r) => r.dossier_id !== null).length;
    expect(ratedDossiers / history.returned).toBeGreaterThan(0.5);
    expect(ratedDossiers / history.returned).toBeLessThan(0.8);
    expect(rated.filter((r) => r.score! >= 4).length / rated.length).toBeGreaterThan(0.75);
    const low = rated.filter((r) => r.score! <= 3);
    expect(low.length).toBeGreaterThan(0);
    for (const r of low) expect((JSON.parse(r.reasons!) as string[]).length, String(r.id)).toBeGreaterThan(0);
    expect(rated.filter((r) => r.follow_up !== 'none')).toHaveLength(history.followUps);
    expect(rated.filter((r) => r.follow_up === 'resolved')).toHaveLength(history.followUpsResolved);
    expect(history.followUpsResolved).toBeGreaterThan(0);
    expect(history.followUps).toBeGreaterThan(history.followUpsResolved);

    // The monitor's dashboard, the follow-up list, the 766 self-evaluation and the public page show them.
    const monitor = await t.login('kiemsoat');
    const get = async (url: string) => {
      const r = await t.app.inject({ method: 'GET', url, headers: { cookie: monitor } });
      expect(r.statusCode, `${url} ${r.body.slice(0, 200)}`).toBe(200);
      return r.json();
    };
    const dashboard = await get('/api/reports/dashboard?period=2026');
    const score = (lo: number, hi: number) => rated.filter((r) => r.score! >= lo && r.score! <= hi).length;
    expect(dashboard.ratings).toEqual({ count: history.ratings, satisfied: score(4, 5), dissatisfied: score(1, 2) });
    expect(dashboard.queueWaiting.issued).toBe(history.tickets);
    expect(dashboard.queueWaiting.overall.served).toBe(history.tickets - history.skipped);
    expect(dashboard.queueWaiting.overall.skipped).toBe(history.skipped);
    expect(dashboard.queueWaiting.overall.averageWaitMinutes).toBeGreaterThan(1);
    expect(dashboard.queueWaiting.overall.averageWaitMinutes).toBeLessThan(30);
    expect(dashboard.queueWaiting.overall.averageServiceMinutes).toBeGreaterThan(2);
    expect(dashboard.queueWaiting.perCounter.length).toBeGreaterThanOrEqual(3);
    const receptionIds = (await db.kysely.selectFrom('staff_user').select('id').where('role', '=', 'reception').execute()).map((r) => r.id);
    expect(dashboard.queueWaiting.perOfficer.map((o: { key: string }) => Number(o.key)).sort()).toEqual([...receptionIds].sort());
    expect(dashboard.queueWaiting.perOfficer.reduce((a: number, o: { served: number }) => a + o.served, 0)).toBe(history.tickets - history.skipped);
    expect((await get('/api/rating-follow-ups')).items).toHaveLength(history.followUps - history.followUpsResolved);
    expect((await get('/api/rating-follow-ups?status=resolved')).items).toHaveLength(history.followUpsResolved);
    const i766 = (await get('/api/reports/766?period=2026')).indicators.find((i: { code: string }) => i.code === '5.4');
    expect(i766.status).toBe('computed');
    const page = (await t.app.inject({ method: 'GET', url: '/cong-khai' })).body;
    expect(page).toContain(`${history.ratings} lượt đánh giá: ${score(4, 5)} hài lòng, ${score(3, 3)} bình thường, ${score(1, 2)} không hài lòng.`);
    expect(page).not.toContain('Chưa có dữ liệu.');
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
    // The demo history's citizens rate their returned dossiers: the ratings component counts.
    expect(body.formula.ratings).toBe('computed');
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
    // Weights renormalised over the components with data (the ratings one only if the officer was rated).
    const weights = { onTime: 0.4, ratings: 0.2, supplement: 0.2, apologies: 0.2 } as const;
    const present = (Object.keys(weights) as (keyof typeof weights)[]).filter((k) => c[k] !== null);
    const expected = Math.round((present.reduce((a, k) => a + weights[k] * c[k], 0) / present.reduce((a, k) => a + weights[k], 0)) * 1000) / 10;
    expect(top.score).toBeCloseTo(expected, 1);
    expect(ranked.some((i: { components: { ratings: number | null } }) => i.components.ratings !== null)).toBe(true);
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
