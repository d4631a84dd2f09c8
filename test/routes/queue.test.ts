import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { receive } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

describeEachDialect('queue: kiosk, counter, display board (xin chào)', (dialect) => {
  let db: Db;
  let t: TestApp;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db, '2026-12-01T01:30:00.000Z', {
      citizen: { publicBaseUrl: 'https://motcua.dongthanh.example', channels: {}, uploads: { dir: './data/test-uploads', maxFileBytes: 1 << 20, maxFiles: 5 } },
    });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  const post = async (url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({ method: 'POST', url, ...(cookie ? { headers: { cookie } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });

  it('pages render server-side', async () => {
    for (const url of ['/kiosk', '/quay', '/man-hinh']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toContain('text/html');
    }
    expect((await t.app.inject({ method: 'GET', url: '/kiosk' })).body).toContain('Hộ tịch, nuôi con nuôi');
    // Scripts are files (the CSP forbids inline ones): the board's speaks Vietnamese and listens to the stream.
    const board = (await t.app.inject({ method: 'GET', url: '/man-hinh' })).body;
    expect(board).toContain('<script src="/js/board.js"></script>');
    expect(board).not.toMatch(/<script>/);
    const js = await t.app.inject({ method: 'GET', url: '/js/board.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.body).toContain('speechSynthesis');
    expect(js.body).toContain('/api/public/queue/stream');
    expect((await t.app.inject({ method: 'GET', url: '/js/nope.js' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/js/..%2Fboard.js' })).statusCode).toBe(404);
  });

  it('the kiosk gives numbered tickets that greet and estimate the wait; bad input is a 400', async () => {
    expect((await post('/api/public/queue/tickets', undefined, {})).statusCode).toBe(400);
    const unknown = await post('/api/public/queue/tickets', undefined, { areaCode: 'Z' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('areaCode');
    const first = await post('/api/public/queue/tickets', undefined, { areaCode: 'A' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ display: 'A001', areaName: 'Hộ tịch, nuôi con nuôi', waitingAhead: 0, estimatedWaitMinutes: 0, greeting: 'Phường Đông Thanh xin chào ông/bà!' });
    const second = await post('/api/public/queue/tickets', undefined, { areaCode: 'A' });
    expect(second.json()).toMatchObject({ display: 'A002', waitingAhead: 1, estimatedWaitMinutes: 6 });
    const other = await post('/api/public/queue/tickets', undefined, { areaCode: 'B' });
    expect(other.json().display).toBe('B001');
    const areas = (await t.app.inject({ method: 'GET', url: '/api/public/queue/areas' })).json().items;
    expect(areas.find((a: { code: string }) => a.code === 'A').waitingAhead).toBe(2);
  });

  it('the counter calls, recalls, serves, links the dossier and finishes with thanks and the dossier’s rating link', async () => {
    const h1 = await t.login('tiepnhan1');
    const h2 = await t.login('tiepnhan2');
    expect((await t.app.inject({ method: 'GET', url: '/api/queue/counters' })).statusCode).toBe(401);
    const desk = await t.app.inject({ method: 'GET', url: '/api/queue/counters', headers: { cookie: h1 } });
    expect(desk.statusCode).toBe(200);
    expect(desk.json()).toMatchObject({ mine: null, current: null, me: { fullName: 'Nguyễn Thị Thanh Hương' } });
    expect(desk.json().counters).toHaveLength(4);
    expect((await post('/api/queue/counters/1/call-next')).statusCode).toBe(401);
    expect((await post('/api/queue/counters/1/call-next', await t.login('hotich1'))).statusCode).toBe(403);
    expect((await post('/api/queue/counters/1/call-next', h1)).statusCode).toBe(409); // counter not opened yet
    expect((await post('/api/queue/counters/9/open', h1)).statusCode).toBe(404);
    expect((await post('/api/queue/counters/1/open', h1)).statusCode).toBe(200);
    const taken = await post('/api/queue/counters/1/open', h2);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain('Nguyễn Thị Thanh Hương');

    t.clock.advanceMinutes(4);
    const called = await post('/api/queue/counters/1/call-next', h1);
    expect(called.statusCode, called.body).toBe(200);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/queue/counters', headers: { cookie: h1 } })).json();
    expect(mine).toMatchObject({ mine: { code: '1' }, current: { display: 'A001', status: 'called' }, waitingForMe: ['A002'] });
    expect(called.json().ticket).toMatchObject({ display: 'A001', status: 'called' });
    const id = called.json().ticket.id;
    expect((await post('/api/queue/counters/1/call-next', h1)).statusCode).toBe(409); // finish first
    const board = (await t.app.inject({ method: 'GET', url: '/api/public/queue/board' })).json();
    expect(board.calls[0]).toMatchObject({ display: 'A001', counter: { name: 'Quầy số 1', officerName: 'Nguyễn Thị Thanh Hương' } });
    expect((await post(`/api/queue/tickets/${id}/recall`, h2)).statusCode).toBe(403); // not their counter
    expect((await post(`/api/queue/tickets/${id}/recall`, h1)).json().ticket.recalls).toBe(1);
    expect((await post(`/api/queue/tickets/${id}/finish`, h1)).statusCode).toBe(409); // not serving yet
    t.clock.advanceMinutes(1);
    expect((await post(`/api/queue/tickets/${id}/serve`, h1)).json().ticket.status).toBe('serving');

    const dossier = await receive(t.app, h1, '1.001022');
    expect(dossier.statusCode, dossier.body).toBe(201);
    const code = dossier.json().code;
    expect((await post(`/api/queue/tickets/${id}/link`, h1, {})).statusCode).toBe(400);
    expect((await post(`/api/queue/tickets/${id}/link`, h1, { dossierCode: 'KHONG-CO' })).statusCode).toBe(422);
    expect((await post(`/api/queue/tickets/${id}/link`, h1, { dossierCode: code })).statusCode).toBe(200);
    t.clock.advanceMinutes(9);
    const done = await post(`/api/queue/tickets/${id}/finish`, h1);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().thanks.message).toContain('cảm ơn');
    expect(done.json().thanks.qrSvg).toContain('<svg');
    const link = (await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/rating-link`, headers: { cookie: h1 } })).json();
    expect(done.json().thanks.ratingUrl).toBe(link.url);
    const rating = await db.kysely.selectFrom('rating').select(['ticket_id', 'officer_id']).where('token', '=', link.url.split('/').at(-1)).executeTakeFirstOrThrow();
    expect(rating.ticket_id).toBe(id);
    expect((await post(`/api/queue/tickets/${id}/recall`, h1)).statusCode).toBe(409);
  });

  it('transfer to another counter, skip, an empty queue, and a ticket-only rating', async () => {
    const h1 = await t.login('tiepnhan1');
    const h2 = await t.login('tiepnhan2');
    const next = (await post('/api/queue/counters/1/call-next', h1)).json().ticket;
    expect(next.display).toBe('A002');
    expect((await post(`/api/queue/tickets/${next.id}/transfer`, h1, { counterCode: '1' })).statusCode).toBe(400);
    expect((await post(`/api/queue/tickets/${next.id}/transfer`, h1, { counterCode: '7' })).statusCode).toBe(422);
    const moved = await post(`/api/queue/tickets/${next.id}/transfer`, h1, { counterCode: '4' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().ticket.status).toBe('waiting');
    expect((await post('/api/queue/counters/4/open', h2)).statusCode).toBe(200);
    const atFour = (await post('/api/queue/counters/4/call-next', h2)).json().ticket;
    expect(atFour.display).toBe('A002'); // reserved for counter 4, ahead of B001
    expect((await post(`/api/queue/tickets/${atFour.id}/serve`, h2)).statusCode).toBe(200);
    const finished = await post(`/api/queue/tickets/${atFour.id}/finish`, h2);
    expect(finished.json().thanks.ratingPath).toMatch(/^\/danh-gia\/[A-Za-z0-9_-]{24}$/);
    const b = (await post('/api/queue/counters/4/call-next', h2)).json().ticket;
    expect(b.display).toBe('B001');
    expect((await post(`/api/queue/tickets/${b.id}/skip`, h2)).json().ticket.status).toBe('skipped');
    const empty = await post('/api/queue/counters/4/call-next', h2);
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.code).toBe('QUEUE_EMPTY');
    expect((await post('/api/queue/counters/4/close', h2)).statusCode).toBe(200);
  });

  it('daily statistics of waiting and service time per counter and officer', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/queue/stats' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/queue/stats', headers: { cookie: await t.login('hotich1') } })).statusCode).toBe(403);
    const monitor = await t.login('kiemsoat');
    expect((await t.app.inject({ method: 'GET', url: '/api/queue/stats?date=1-12-2026', headers: { cookie: monitor } })).statusCode).toBe(400);
    const s = (await t.app.inject({ method: 'GET', url: '/api/queue/stats?date=2026-12-01', headers: { cookie: monitor } })).json();
    expect(s.issued).toBe(3);
    const q1 = s.perCounter.find((c: { name: string }) => c.name === 'Quầy số 1');
    expect(q1).toMatchObject({ served: 1, averageServiceMinutes: 9, averageWaitMinutes: 4 });
    const officer = s.perOfficer.find((o: { name: string }) => o.name === 'Lê Văn Đức');
    expect(officer).toMatchObject({ served: 1, skipped: 1 });
  });

  it('live updates reach a server-sent-event stream', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/public/queue/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await post('/api/public/queue/tickets', undefined, { areaCode: 'C' });
    let text = '';
    while (!text.includes('C001')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: queue');
    expect(text).toContain('"type":"issued"');
    controller.abort();
  });
});
