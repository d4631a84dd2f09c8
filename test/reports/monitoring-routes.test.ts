import { afterAll, beforeAll, expect, it } from 'vitest';
import { classifyBody, classifyOfficer, dossierIndicators } from '../../src/domain/report/evaluation.ts';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';
import { generateDossiers, type ModelDossier } from './random-dossiers.ts';

const NOW = '2026-12-10T04:00:00.000Z';

it('Circular 01/2018 thresholds and per-dossier indicators', () => {
  expect([5, 4.9, 3.5, 3.4].map(classifyOfficer)).toEqual(['completed', 'partly', 'partly', 'below']);
  expect([18, 15, 14.9, 12, 9, 6, 5.9].map(classifyBody)).toEqual(['excellent', 'excellent', 'good', 'good', 'fair', 'average', 'weak']);
  const base = {
    id: 1, code: 'X', procedureCode: 'P', procedureName: 'P', field: 'F', divisionId: 1, handlerId: 2, channel: 'direct', status: 'returned',
    receivedAt: '2026-07-01T02:00:00.000Z', returnedAt: null, pauses: [], extensionCount: 0, stepOutcomes: [] as ('early' | 'on_time' | 'late')[],
    dues: [{ at: '2026-07-01T02:00:00.000Z', dueAt: '2026-07-06T02:00:00.000Z', kind: 'legal' as const }],
  };
  const early = dossierIndicators({ ...base, finishedAt: '2026-07-03T02:00:00.000Z', supplementCount: 0, substantiatedComplaint: false })!;
  expect(early).toMatchObject({ i1: 2, i2: null, i3: 2, i4: 1, i7: 2 });
  const late = dossierIndicators({ ...base, channel: 'online', finishedAt: '2026-07-06T02:01:00.000Z', supplementCount: 1, substantiatedComplaint: null, stepOutcomes: ['early', 'late'] })!;
  expect(late).toMatchObject({ i1: 0, i2: 0, i3: 1, i4: 2, i7: 0 });
  const complained = dossierIndicators({ ...base, finishedAt: '2026-07-03T02:00:00.000Z', supplementCount: 2, substantiatedComplaint: true, stepOutcomes: ['on_time'] })!;
  expect(complained).toMatchObject({ i1: 2, i2: 1, i3: 0, i7: 0 });
});

describeEachDialect('monitoring routes: evaluation, 766, dashboard, public board', (dialect) => {
  let db: Db;
  let t: TestApp;
  let models: ModelDossier[];
  beforeAll(async () => {
    db = await openTestDb(dialect);
    models = await generateDossiers(db.kysely, 99, 200, NOW);
    t = await buildTestApp(db, NOW);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('evaluation: officer scores are the sum of indicator averages, and agree with a recount of indicator 3', async () => {
    const monitor = await t.login('kiemsoat');
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/evaluation?period=2026-07', headers: { cookie: monitor } })).statusCode).toBe(400);
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/evaluation?period=2026-Q3', headers: { cookie: monitor } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const start = Date.parse('2026-06-30T17:00:00.000Z');
    const end = Date.parse('2026-09-30T17:00:00.000Z');
    const finished = models.filter((m) => m.receivedAt && m.finish && Date.parse(m.finish.at) >= start && Date.parse(m.finish.at) < end);
    expect(body.dossiers.length).toBe(finished.length);
    for (const o of body.officers) {
      const mine = finished.filter((m) => m.handlerId === o.staffId || m.handlerId === o.handlerId);
      expect(o.dossiers).toBe(mine.length);
      const i3 = Math.round((mine.reduce((a, m) => a + (m.supplementCount === 0 ? 2 : 1), 0) / mine.length) * 10) / 10;
      expect(o.indicators.i3).toBe(i3);
      const sum = Math.round(Object.values(o.indicators as Record<string, number | null>).reduce<number>((a, b) => a + (b ?? 0), 0) * 10) / 10;
      expect(o.score).toBe(sum);
      expect(o.score).toBeLessThanOrEqual(10);
    }
    expect(body.body.score).toBeLessThanOrEqual(18);
    expect(body.body.excluded).toContain('i6');
  });

  it('766: progress group from Biểu 06, national indicators stated plainly, dossiers pulling the score down', async () => {
    const monitor = await t.login('kiemsoat');
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/766?period=2026-Q3', headers: { cookie: monitor } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const bieu = (await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-Q3', headers: { cookie: monitor } })).json().views.original.total;
    const progress = body.indicators.find((x: { code: string }) => x.code === '2.1');
    expect(progress.numerator).toBe(bieu['8'] + bieu['9'] + bieu['12']);
    expect(progress.denominator).toBe(bieu['3']);
    expect(progress.pullingDown.length).toBe(bieu['10'] + bieu['13']);
    expect(progress.score).toBeCloseTo((progress.numerator / progress.denominator) * 20, 2);
    expect(body.groups.find((g: { code: string }) => g.code === 'CKMB').needsNationalData).toEqual(['1.1', '1.2', '1.3', '1.4']);
    expect(body.indicators.find((x: { code: string }) => x.code === '5.4').status).toBe('partial');
  });

  it('dashboard: totals agree with Biểu 06; pending data is labelled', async () => {
    const monitor = await t.login('kiemsoat');
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/dashboard?period=2026', headers: { cookie: monitor } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const bieu = (await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026', headers: { cookie: monitor } })).json().views.original.total;
    expect(body.total.finished).toBe(bieu['7']);
    expect(body.total.late).toBe(bieu['10']);
    expect(body.total.overdue).toBe(bieu['13']);
    expect(body.byDivision.reduce((a: number, d: { finished: number }) => a + d.finished, 0)).toBe(bieu['7']);
    expect(body.monthly.length).toBe(12);
    expect(body.monthly.reduce((a: number, m: { finished: number }) => a + m.finished, 0)).toBe(bieu['7']);
    expect(body.ratings.status).toBe('pending_data');
    expect(body.queueWaiting.status).toBe('pending_data');
    const reception = await t.login('tiepnhan1');
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/dashboard?period=2026', headers: { cookie: reception } })).statusCode).toBe(403);
  });

  it('public board /cong-khai: no login, HTML, names masked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/cong-khai' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Tỷ lệ giải quyết đúng hạn');
    expect(res.body).not.toContain('Nguyễn Văn Thử');
    expect(res.body).toContain('Chưa có dữ liệu.');
  });
});
