import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

describeEachDialect('auth, users, catalog and calendar routes', (dialect) => {
  let db: Db;
  let t: TestApp;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('login sets an HttpOnly SameSite session cookie; a wrong password and an unknown user answer alike', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tiepnhan1', password: 'DongThanh@2026' } });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'motcua_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(ok.json().user.role).toBe('reception');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tiepnhan1', password: 'sai-mat-khau' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'khongco', password: 'sai-mat-khau' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'password' });
    expect(bad.json().error.message).toContain('mật khẩu');
  });

  it('logout revokes the session on the server', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hotich1', password: 'DongThanh@2026' } });
    const cookie = `motcua_session=${res.cookies.find((c) => c.name === 'motcua_session')!.value}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
  });

  it('procedure search ignores case and diacritics, đ included', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/procedures?q=dang%20ky%20khai%20sinh' });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((p: { name: string }) => p.name);
    expect(names).toContain('Thủ tục đăng ký khai sinh');
    const upper = await t.app.inject({ method: 'GET', url: `/api/procedures?q=${encodeURIComponent('ĐĂNG KÝ KHAI SINH')}` });
    expect(upper.json().items.length).toBe(res.json().items.length);
    const all = await t.app.inject({ method: 'GET', url: '/api/procedures?limit=200' });
    expect(all.json().items.length).toBeGreaterThanOrEqual(25);
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures?limit=0' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures?q=%25' })).json().items).toEqual([]);
  });

  it('procedure detail carries components, fees, time limit, legal basis and steps; unknown is 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/procedures/1.004222' });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.timeLimit).toEqual({ value: 7, unit: 'working_days' });
    expect(p.components.length).toBeGreaterThan(0);
    expect(p.legalBasis.length).toBeGreaterThan(0);
    expect(p.steps.length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures/9.999999' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures/abc' })).statusCode).toBe(400);
  });

  it('public due date: working days or a procedure, with an explanation', async () => {
    // Friday 13/02/2026 09:00 + 3 working days skips Tết 2026 (14–22/02) → 09:00 Wednesday 25/02/2026.
    const res = await t.app.inject({ method: 'GET', url: '/api/public/due-date?at=2026-02-13T02:00:00Z&workingDays=3' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().dueAt).toBe('2026-02-25T02:00:00.000Z');
    expect(res.json().explanation.skipped.some((d: { date: string }) => d.date === '2026-02-17')).toBe(true);
    const proc = await t.app.inject({ method: 'GET', url: '/api/public/due-date?at=2026-12-01T02:00:00Z&procedure=1.001022' });
    expect(proc.statusCode).toBe(200);
    expect(proc.json().procedure.code).toBe('1.001022');
    for (const url of [
      '/api/public/due-date?workingDays=abc',
      '/api/public/due-date?at=yesterday&workingDays=3',
      '/api/public/due-date?workingDays=0.3',
      '/api/public/due-date',
      '/api/public/due-date?workingDays=3&procedure=1.001022',
    ]) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('calendar: anyone reads a year; only an admin edits, every edit is audited and moves new due dates', async () => {
    const year = await t.app.inject({ method: 'GET', url: '/api/calendar/years/2026' });
    expect(year.statusCode).toBe(200);
    expect(year.json().days.some((d: { date: string; kind: string }) => d.date === '2026-11-24' && d.kind === 'off')).toBe(true);
    const body = { kind: 'off', reason: 'Nghỉ bù theo quyết định của UBND tỉnh', source: 'Quyết định 99/QĐ-UBND (giả định cho kiểm thử)' };
    expect((await t.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-12-15', payload: body })).statusCode).toBe(401);
    const reception = await t.login('tiepnhan1');
    expect((await t.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-12-15', payload: body, headers: { cookie: reception } })).statusCode).toBe(403);
    const admin = await t.login('admin');
    const before = await t.app.inject({ method: 'GET', url: '/api/public/due-date?at=2026-12-14T02:00:00Z&workingDays=1' });
    const put = await t.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-12-15', payload: body, headers: { cookie: admin } });
    expect(put.statusCode, put.body).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/public/due-date?at=2026-12-14T02:00:00Z&workingDays=1' });
    expect(before.json().dueAt).toBe('2026-12-15T02:00:00.000Z');
    expect(after.json().dueAt).toBe('2026-12-16T02:00:00.000Z');
    const audit = await db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'calendar_day').execute();
    expect(audit.map((a) => a.entity_id)).toContain('2026-12-15');
    const bad = await t.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-02-30', payload: body, headers: { cookie: admin } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('date');
    const badKind = await t.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-12-16', payload: { ...body, kind: 'holiday' }, headers: { cookie: admin } });
    expect(badKind.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/calendar/days/2026-12-15', headers: { cookie: admin } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/calendar/days/2026-12-15', headers: { cookie: admin } })).statusCode).toBe(404);
  });

  it('users: admins create, change and disable accounts; disabling revokes sessions', async () => {
    const admin = await t.login('admin');
    const reception = await t.login('tiepnhan3');
    const payload = { username: 'hotich3', fullName: 'Lê Thị Mai', role: 'specialist', divisionCode: 'VP', password: 'mot-mat-khau-dai-du' };
    expect((await t.app.inject({ method: 'POST', url: '/api/users', payload })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/users', payload, headers: { cookie: reception } })).statusCode).toBe(403);
    const weak = await t.app.inject({ method: 'POST', url: '/api/users', payload: { ...payload, password: 'ngan' }, headers: { cookie: admin } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe('password');
    const noDivision = await t.app.inject({ method: 'POST', url: '/api/users', payload: { ...payload, divisionCode: undefined }, headers: { cookie: admin } });
    expect(noDivision.statusCode).toBe(400);
    const badRole = await t.app.inject({ method: 'POST', url: '/api/users', payload: { ...payload, role: 'god' }, headers: { cookie: admin } });
    expect(badRole.statusCode).toBe(400);
    const created = await t.app.inject({ method: 'POST', url: '/api/users', payload, headers: { cookie: admin } });
    expect(created.statusCode, created.body).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: '/api/users', payload, headers: { cookie: admin } });
    expect(dup.statusCode).toBe(409);
    const session = await t.login('hotich3').catch(() => undefined);
    expect(session).toBeUndefined(); // not the demo password
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hotich3', password: payload.password } });
    const cookie = `motcua_session=${login.cookies.find((c) => c.name === 'motcua_session')!.value}`;
    const id = created.json().id;
    const disable = await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { isActive: false }, headers: { cookie: admin } });
    expect(disable.statusCode, disable.body).toBe(200);
    expect(disable.json().isActive).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/users/99999', payload: { isActive: false }, headers: { cookie: admin } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: {}, headers: { cookie: admin } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { password: 'x' }, headers: { cookie: admin } })).statusCode).toBe(400);
  });

  it('a NUL character anywhere in the input is a 400 naming the field, on both databases', async () => {
    const q = await t.app.inject({ method: 'GET', url: '/api/procedures?q=%00' });
    expect(q.statusCode).toBe(400);
    expect(q.json().error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'q' });
    expect((await t.app.inject({ method: 'GET', url: '/api/public/dossiers/%00?phone=1234' })).statusCode).toBe(400);
    const reception = await t.login('tiepnhan1');
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { cookie: reception },
      payload: { procedureCode: '1.004873', channel: 'direct', applicant: { fullName: 'A\u0000B', idNumber: '038095001234', phone: '0912345678', address: 'x y z' }, submittedComponents: [] },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.field).toBe('applicant.fullName');
  });

  it('OpenAPI is served at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    for (const path of ['/api/auth/login', '/api/dossiers', '/api/dossiers/{code}', '/api/dossiers/{code}/actions/{action}', '/api/public/dossiers/{code}', '/api/public/due-date', '/api/procedures']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
