import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { receive } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

describeEachDialect('thanks and ratings (biết cảm ơn)', (dialect) => {
  let db: Db;
  let t: TestApp;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z', {
      citizen: { publicBaseUrl: 'https://motcua.dongthanh.example', channels: {}, uploads: { dir: './data/test-uploads', maxFileBytes: 1 << 20, maxFiles: 5 } },
    });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  let code = '';
  let token = '';

  it('receipt opens the dossier’s one rating link; staff get it with a QR code for the slips', async () => {
    const reception = await t.login('tiepnhan1');
    const res = await receive(t.app, reception, '1.001022');
    expect(res.statusCode, res.body).toBe(201);
    code = res.json().code;
    const url = `/api/dossiers/${code}/rating-link`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login('mattran') } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers/not-a-code/rating-link', headers: { cookie: reception } })).statusCode).toBe(400);
    const link = await t.app.inject({ method: 'GET', url, headers: { cookie: reception } });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json().url).toMatch(/^https:\/\/motcua\.dongthanh\.example\/danh-gia\/[A-Za-z0-9_-]{24}$/);
    expect(link.json().qrSvg).toContain('<svg');
    expect(link.json().rated).toBe(false);
    token = link.json().url.split('/').at(-1);
    const again = await t.app.inject({ method: 'GET', url, headers: { cookie: reception } });
    expect(again.json().url).toBe(link.json().url);
    const row = await db.kysely.selectFrom('rating').innerJoin('staff_user', 'staff_user.id', 'rating.officer_id').select(['staff_user.username']).where('token', '=', token).executeTakeFirstOrThrow();
    expect(row.username).toBe('tiepnhan1');
  });

  it('the rating page and API: one rating, reasons when 3 or less, a low one opens a follow-up', async () => {
    const pageRes = await t.app.inject({ method: 'GET', url: `/danh-gia/${token}` });
    expect(pageRes.statusCode).toBe(200);
    expect(pageRes.body).toContain('Thái độ của cán bộ');
    expect(pageRes.body).toContain(code);
    expect((await t.app.inject({ method: 'GET', url: '/danh-gia/AAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);

    const api = `/api/public/ratings/${token}`;
    expect((await t.app.inject({ method: 'GET', url: api })).json()).toMatchObject({ dossierCode: code, rated: false, officerName: 'Nguyễn Thị Thanh Hương' });
    expect((await t.app.inject({ method: 'POST', url: '/api/public/ratings/AAAAAAAAAAAAAAAAAAAAAAAA', payload: { score: 5 } })).statusCode).toBe(404);
    const tooHigh = await t.app.inject({ method: 'POST', url: api, payload: { score: 6 } });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().error.field).toBe('score');
    const noReason = await t.app.inject({ method: 'POST', url: api, payload: { score: 2 } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reasons');
    const badReason = await t.app.inject({ method: 'POST', url: api, payload: { score: 2, reasons: ['weather'] } });
    expect(badReason.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: api, payload: { score: 2, reasons: ['attitude', 'trips'], trips: 3, extraCosts: false, comment: 'Phải đi lại ba lần.' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ score: 2, followUp: 'open' });
    expect(ok.json().message).toContain('cảm ơn');
    const twice = await t.app.inject({ method: 'POST', url: api, payload: { score: 5 } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ALREADY_RATED');
    expect((await t.app.inject({ method: 'GET', url: api })).json().rated).toBe(true);
  });

  it('the monitor lists and resolves follow-ups (401, 403, 400, 404, 409, success)', async () => {
    const url = '/api/rating-follow-ups';
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login('tiepnhan1') } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `${url}?status=maybe`, headers: { cookie: await t.login('kiemsoat') } })).statusCode).toBe(400);
    const monitor = await t.login('kiemsoat');
    const list = await t.app.inject({ method: 'GET', url, headers: { cookie: monitor } });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { dossierCode: string }) => i.dossierCode === code);
    expect(item).toMatchObject({ score: 2, scoreLabel: 'Không hài lòng', officerName: 'Nguyễn Thị Thanh Hương', trips: 3, status: 'open' });
    expect(item.reasons.map((r: { label: string }) => r.label)).toEqual(['Thái độ của cán bộ', 'Số lần phải đi lại']);

    const resolve = `${url}/${item.id}/resolve`;
    expect((await t.app.inject({ method: 'POST', url: resolve, payload: { note: 'x' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: resolve, headers: { cookie: await t.login('tiepnhan1') }, payload: { note: 'Đã gọi lại' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: resolve, headers: { cookie: monitor }, payload: {} })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: `${url}/999999/resolve`, headers: { cookie: monitor }, payload: { note: 'Đã gọi lại' } })).statusCode).toBe(404);
    const done = await t.app.inject({ method: 'POST', url: resolve, headers: { cookie: monitor }, payload: { note: 'Đã gọi điện xin lỗi công dân; nhắc nhở cán bộ.' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('resolved');
    expect((await t.app.inject({ method: 'POST', url: resolve, headers: { cookie: monitor }, payload: { note: 'Lần nữa' } })).statusCode).toBe(409);
    const audit = await db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'rating').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['rating.follow_up_resolved', 'rating.submitted']);
  });

  it('real ratings reach the reports: the Front’s ratings view and the monitor’s dashboard', async () => {
    const front = await t.login('mattran');
    const view = await t.app.inject({ method: 'GET', url: '/api/supervision/ratings?period=2026-12', headers: { cookie: front } });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ status: 'computed', count: 1, satisfied: 0, neutral: 0, dissatisfied: 1 });
    const before = await t.app.inject({ method: 'GET', url: '/api/supervision/ratings?period=2026-11', headers: { cookie: front } });
    expect(before.json().status).toBe('pending_data'); // no rating in that month
    const dashboard = await t.app.inject({ method: 'GET', url: '/api/reports/dashboard?period=2026-12', headers: { cookie: await t.login('kiemsoat') } });
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    expect(dashboard.json().ratings).toMatchObject({ count: 1, satisfied: 0, dissatisfied: 1 });
  });
});
