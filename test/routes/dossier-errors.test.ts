import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { receiveDossier } from '../../src/server/modules/dossier/receive-dossier.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { act, APPLICANT, procedureDetail, receive, requiredComponentIds } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

describeEachDialect('dossier routes: bad input, access, atomicity', (dialect) => {
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

  const count = async (table: 'dossier' | 'dossier_event' | 'dossier_step' | 'day_sequence' | 'dossier_component') =>
    Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('POST /api/dossiers: 401 without a session, 403 for a role that does not receive', async () => {
    const payload = { procedureCode: '1.004873', channel: 'direct', applicant: APPLICANT, submittedComponents: [] };
    expect((await t.app.inject({ method: 'POST', url: '/api/dossiers', payload })).statusCode).toBe(401);
    const leader = await t.login('chutich');
    const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', payload, headers: { cookie: leader } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('POST /api/dossiers: every kind of bad input is a 4xx naming the field, in Vietnamese', async () => {
    const reception = await t.login('tiepnhan1');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ applicant: { idNumber: '12345' } }, 400, 'applicant.idNumber'],
      [{ applicant: { phone: '12345' } }, 400, 'applicant.phone'],
      [{ applicant: { email: 'not-an-email' } }, 400, 'applicant.email'],
      [{ applicant: { fullName: '' } }, 400, 'applicant.fullName'],
      [{ channel: 'fax' }, 400, 'channel'],
      [{ procedureCode: '9.999999' }, 422, 'procedureCode'],
      [{ submittedComponents: [999999] }, 422, 'submittedComponents'],
      [{ submittedComponents: ['a'] }, 400, 'submittedComponents.0'],
      [{ extra: true }, 400, 'extra'],
    ];
    const p = await procedureDetail(t.app, '1.004873');
    const base = { procedureCode: '1.004873', channel: 'direct', applicant: APPLICANT, submittedComponents: requiredComponentIds(p) };
    const before = await count('dossier');
    for (const [patch, status, field] of cases) {
      const payload = { ...base, ...patch, applicant: { ...APPLICANT, ...(patch.applicant as object | undefined) } };
      const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', payload, headers: { cookie: reception } });
      expect(res.statusCode, JSON.stringify(patch)).toBe(status);
      expect(res.json().error.field, JSON.stringify(patch)).toBe(field);
      expect(res.json().error.message).toMatch(/[àáảãạăâđêôơưếềệốồộớờợứừự]/);
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      payload: '{"procedureCode": ',
      headers: { cookie: reception, 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_ERROR');
    expect(await count('dossier')).toBe(before);
  });

  it('GET /api/dossiers: a queue sorted by due date, filtered by status, division, text; 401 and 400', async () => {
    const reception = await t.login('tiepnhan1');
    const a = (await receive(t.app, reception, '1.004222', { applicant: { fullName: 'Hoàng Thị Lan' } })).json();
    t.clock.advanceMinutes(10);
    const b = (await receive(t.app, reception, '1.004873', { applicant: { fullName: 'Phạm Đức Minh' } })).json();
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers' })).statusCode).toBe(401);
    const list = await t.app.inject({ method: 'GET', url: '/api/dossiers?status=received&limit=100', headers: { cookie: reception } });
    expect(list.statusCode).toBe(200);
    const dues = list.json().items.map((d: { dueAt: string }) => d.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const byText = await t.app.inject({ method: 'GET', url: `/api/dossiers?q=${encodeURIComponent('hoang thi lan')}`, headers: { cookie: reception } });
    expect(byText.json().items.map((d: { code: string }) => d.code)).toEqual([a.code]);
    const byDivision = await t.app.inject({ method: 'GET', url: '/api/dossiers?division=CA', headers: { cookie: reception } });
    expect(byDivision.json().items.map((d: { code: string }) => d.code)).toContain(a.code);
    expect(byDivision.json().items.map((d: { code: string }) => d.code)).not.toContain(b.code);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers?status=lost', headers: { cookie: reception } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers?dueBefore=soon', headers: { cookie: reception } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers?division=NOPE', headers: { cookie: reception } })).statusCode).toBe(400);
    const police = await t.login('cutru1');
    const own = await t.app.inject({ method: 'GET', url: '/api/dossiers', headers: { cookie: police } });
    expect(own.json().items.every((d: { division: { code: string } }) => d.division.code === 'CA')).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers?division=VP', headers: { cookie: police } })).statusCode).toBe(403);
  });

  it('GET /api/dossiers/{code}: 401, 404, 400 for a malformed code', async () => {
    const reception = await t.login('tiepnhan1');
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers/000.00.34.H40-261201-0001' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers/000.00.34.H40-261201-9999', headers: { cookie: reception } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers/nonsense', headers: { cookie: reception } })).statusCode).toBe(400);
  });

  it('actions: 401, 400 for an unknown action or field, 403 for a role, 404 for a code, reason required', async () => {
    const reception = await t.login('tiepnhan1');
    const code = (await receive(t.app, reception, '1.004873')).json().code as string;
    expect((await t.app.inject({ method: 'POST', url: `/api/dossiers/${code}/actions/assign` })).statusCode).toBe(401);
    expect((await act(t.app, reception, code, 'teleport')).statusCode).toBe(400);
    expect((await act(t.app, reception, code, 'assign', { sneaky: 1 })).statusCode).toBe(400);
    const leader = await t.login('chutich');
    expect((await act(t.app, leader, code, 'assign')).statusCode).toBe(403);
    expect((await act(t.app, reception, '000.00.34.H40-261201-9999', 'assign')).statusCode).toBe(404);
    const noReason = await act(t.app, reception, code, 'refuse');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    const refused = await act(t.app, reception, code, 'refuse', { reason: 'Yêu cầu không thuộc thẩm quyền của UBND phường' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().portalStatus.code).toBe(3);
  });

  it('a failure in the middle of receiving leaves nothing behind', async () => {
    const p = await procedureDetail(t.app, '1.004873');
    const actor = (await db.kysely.selectFrom('staff_user').selectAll().where('username', '=', 'tiepnhan1').executeTakeFirstOrThrow());
    const calendar = await t.app.calendars.current();
    const input = { procedureCode: p.code, channel: 'direct' as const, applicant: APPLICANT, submittedComponents: requiredComponentIds(p) };
    const who = { id: actor.id, username: actor.username, fullName: actor.full_name, role: 'reception' as const, divisionId: actor.division_id };
    await db.kysely.transaction().execute((trx) => receiveDossier({ db: trx, clock: t.clock, calendar, unitCode: 'TEST' }, who, input, 'same-request'));
    const before = await Promise.all((['dossier', 'dossier_event', 'dossier_step', 'dossier_component'] as const).map(count));
    const seq = await db.kysely.selectFrom('day_sequence').selectAll().execute();
    // The same request id fails at the event insert, after the dossier row, its components and its code were written.
    await expect(
      db.kysely.transaction().execute((trx) => receiveDossier({ db: trx, clock: t.clock, calendar, unitCode: 'TEST' }, who, input, 'same-request')),
    ).rejects.toThrow();
    expect(await Promise.all((['dossier', 'dossier_event', 'dossier_step', 'dossier_component'] as const).map(count))).toEqual(before);
    expect(await db.kysely.selectFrom('day_sequence').selectAll().execute()).toEqual(seq);
  });
});
