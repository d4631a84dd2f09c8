import { afterAll, beforeAll, expect, it } from 'vitest';
import { classifyBody, classifyOfficer, dossierIndicators } from '../../src/domain/report/evaluation.ts';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { act, receive } from '../fixtures.ts';
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
    expect(body.queueWaiting.status).toBe('pending_data'); // no ticket in the generated data
    // Late = Biểu 06 columns 10 + 13; every late dossier is counted once under a root cause.
    expect(body.lateByRootCause.late).toBe(bieu['10'] + bieu['13']);
    expect(body.lateByRootCause.items.reduce((a: number, i: { count: number }) => a + i.count, 0)).toBe(bieu['10'] + bieu['13']);
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
    // An earlier year on request (?nam=); a year not yet come, or not a year, is refused naming the field.
    const thisYear = Number(new Date(t.clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 4));
    const earlier = await t.app.inject({ method: 'GET', url: `/cong-khai?nam=${thisYear - 1}` });
    expect(earlier.statusCode).toBe(200);
    expect(earlier.body).toContain(`năm ${thisYear - 1}, số liệu cả năm`);
    expect(earlier.body).toContain('<td>12/' + (thisYear - 1) + '</td>');
    for (const bad of [`nam=${thisYear + 1}`, 'nam=abc', 'nam=1999', 'x=1']) {
      const r = await t.app.inject({ method: 'GET', url: `/cong-khai?${bad}` });
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().error.code, bad).toBe('VALIDATION_ERROR');
      expect(r.json().error.message, bad).toMatch(/[À-ỹ]/);
    }
    expect((await t.app.inject({ method: 'GET', url: `/cong-khai?nam=${thisYear + 1}` })).json().error.field).toBe('nam');
  });
});

describeEachDialect('dashboard figures from the "3 không" records and the queue, known numbers', (dialect) => {
  let db: Db;
  let t: TestApp;
  const get = async (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(who) } });
  const post = async (who: string, url: string, payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: await t.login(who) }, payload });
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z'); // Tuesday 09:00 in Vietnam
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('apologies signed and awaiting signature, breaches, late by root cause, queue waiting per counter and officer', async () => {
    const reception = await t.login('tiepnhan1');
    const head = await t.login('chanhvanphong');
    // Three dossiers due Friday 04/12 09:00 (3 working days), one received later and not late.
    const [a, b, c] = await Promise.all([1, 2, 3].map(async () => (await receive(t.app, reception, '1.001022')).json().code as string));
    for (const code of [a!, b!, c!]) expect((await act(t.app, reception, code, 'assign')).statusCode).toBe(200);
    // A: form 04 drafted and signed (extended to 08/12); B: drafted, awaiting signature; C: nothing.
    expect((await act(t.app, head, a!, 'draft_apology', { reason: 'Cần xác minh với Công an phường', newDueAt: '2026-12-08T02:00:00.000Z' })).statusCode).toBe(200);
    expect((await act(t.app, await t.login('phochutich'), a!, 'extend_deadline', {})).statusCode).toBe(200);
    expect((await act(t.app, head, b!, 'draft_apology', { reason: 'Chờ ý kiến cơ quan khác', newDueAt: '2026-12-08T02:00:00.000Z' })).statusCode).toBe(200);
    const owner = ((await get('chanhvanphong', '/api/users')).json().items as { id: number; username: string }[]).find((u) => u.username === 'chanhvanphong')!;
    const record = (rootCause: string) => ({ responsibleDivision: 'VP', rootCause, rootCauseNote: 'Ghi nhận thử', correctiveAction: 'Khắc phục thử', actionOwnerId: owner.id, actionDueDate: '2026-12-31' });
    expect((await post('chutich', `/api/dossiers/${a}/accountability`, record('coordination'))).statusCode).toBe(201);
    expect((await post('chutich', `/api/dossiers/${c}/accountability`, record('workload'))).statusCode).toBe(201);

    // Monday 07/12 08:00: two tickets at the kiosk; counter 1 (tiepnhan1) calls them after 10 and 30 minutes
    // and serves them for 6 and 4 minutes.
    t.clock.set('2026-12-07T01:00:00.000Z');
    const d = (await receive(t.app, reception, '1.001022')).json().code as string;
    const kiosk = (areaCode: string) => t.app.inject({ method: 'POST', url: '/api/public/queue/tickets', payload: { areaCode } });
    expect((await kiosk('A')).statusCode).toBe(201);
    expect((await kiosk('A')).statusCode).toBe(201);
    const desk = await t.login('tiepnhan1');
    const at = async (iso: string, url: string) => {
      t.clock.set(iso);
      const r = await t.app.inject({ method: 'POST', url, headers: { cookie: desk }, payload: {} });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    await at('2026-12-07T01:05:00.000Z', '/api/queue/counters/1/open');
    const first = (await at('2026-12-07T01:10:00.000Z', '/api/queue/counters/1/call-next')).ticket.id as number;
    await at('2026-12-07T01:10:00.000Z', `/api/queue/tickets/${first}/serve`);
    await at('2026-12-07T01:16:00.000Z', `/api/queue/tickets/${first}/finish`);
    const second = (await at('2026-12-07T01:30:00.000Z', '/api/queue/counters/1/call-next')).ticket.id as number;
    await at('2026-12-07T01:30:00.000Z', `/api/queue/tickets/${second}/serve`);
    await at('2026-12-07T01:34:00.000Z', `/api/queue/tickets/${second}/finish`);

    t.clock.set('2026-12-07T03:00:00.000Z');
    const res = await get('kiemsoat', '/api/reports/dashboard?period=2026-12');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.apologies).toEqual({ count: 2, signed: 1, awaitingSignature: 1 });
    // A is late against its original appointment but has a signed apology: not a breach. B and C are.
    expect(body.total.overdue).toBe(3);
    expect(body.breaches.count).toBe(2);
    expect([...body.breaches.codes].sort()).toEqual([b, c].sort());
    expect(body.breaches.codes).not.toContain(d);
    expect(body.lateByRootCause.late).toBe(3);
    const causes = Object.fromEntries(body.lateByRootCause.items.map((i: { cause: string; count: number }) => [i.cause, i.count]));
    expect(causes).toEqual({ coordination: 1, workload: 1, unknown: 1 });
    expect(body.lateByRootCause.items.find((i: { cause: string }) => i.cause === 'unknown').label).toBe('Chưa xác định');
    const q = body.queueWaiting;
    expect(q.issued).toBe(2);
    expect(q.overall).toMatchObject({ served: 2, averageWaitMinutes: 20, longestWaitMinutes: 30, averageServiceMinutes: 5 });
    expect(q.perCounter).toHaveLength(1);
    expect(q.perCounter[0]).toMatchObject({ served: 2, averageWaitMinutes: 20, longestWaitMinutes: 30, averageServiceMinutes: 5 });
    expect(q.perOfficer).toHaveLength(1);
    const clerk = ((await get('chanhvanphong', '/api/users')).json().items as { id: number; username: string }[]).find((u) => u.username === 'tiepnhan1')!;
    expect(q.perOfficer[0]).toMatchObject({ key: String(clerk.id), served: 2, averageWaitMinutes: 20, averageServiceMinutes: 5 });
    // The same day through the counter's own daily figures: one computation.
    const daily = (await get('tiepnhan1', '/api/queue/stats?date=2026-12-07')).json();
    expect(daily.overall).toEqual(q.overall);
    // Another month has no ticket: labelled, not zero.
    expect((await get('kiemsoat', '/api/reports/dashboard?period=2026-11')).json().queueWaiting.status).toBe('pending_data');

    // The Front's supervision view reads the same apology table and the same breach rule.
    const sup = (await get('mattran', '/api/supervision/late-dossiers?period=2026-12')).json();
    expect(sup).toMatchObject({ count: 3, withApology: 1, breaches: 2 });
    const item = (code: string) => sup.items.find((i: { code: string }) => i.code === code);
    expect(item(a!)).toMatchObject({ breach: false, apologies: [{ status: 'signed', newDueAt: '2026-12-08T02:00:00.000Z' }] });
    expect(item(b!)).toMatchObject({ breach: true, apologies: [{ status: 'drafted', signedAt: null }] });
    expect(item(c!)).toMatchObject({ breach: true, apologies: [] });

    // The public board lists issued (signed) apologies only.
    const board = await t.app.inject({ method: 'GET', url: '/cong-khai' });
    expect(board.body).toContain(a);
    expect(board.body).not.toContain(b);
  });
});
