import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

const CODE = '1.004222';

describeEachDialect('admin procedure catalog editor', (dialect) => {
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

  async function current() {
    return (await t.app.inject({ method: 'GET', url: `/api/procedures/${CODE}` })).json();
  }
  function editOf(p: any) {
    return {
      name: p.name,
      timeLimit: p.timeLimit,
      timeLimitNote: p.timeLimitNote,
      fees: p.fees,
      legalBasis: p.legalBasis,
      result: p.result,
      components: p.components.map(({ position: _p, ...c }: any) => c),
      steps: p.steps.map(({ position: _p, ...s }: any) => s),
    };
  }

  it('only an admin edits; anonymous is 401 before validation, other roles 403', async () => {
    const body = editOf(await current());
    expect((await t.app.inject({ method: 'PUT', url: `/api/admin/procedures/${CODE}`, payload: {} })).statusCode).toBe(401);
    const reception = await t.login('tiepnhan1');
    const res = await t.app.inject({ method: 'PUT', url: `/api/admin/procedures/${CODE}`, payload: body, headers: { cookie: reception } });
    expect(res.statusCode).toBe(403);
  });

  it('edits components, fees, time limit and steps in one audited transaction; search follows the new name', async () => {
    const admin = await t.login('admin');
    const before = await current();
    const body = editOf(before);
    body.name = `${before.name} (sửa đổi)`;
    body.timeLimit = { value: 5, unit: 'working_days' };
    body.fees = [{ name: 'Lệ phí', amount: 8000, note: null }];
    body.components[0].name = 'Tờ khai theo mẫu (đã sửa)';
    body.components.push({ name: 'Giấy tờ bổ sung mới', kind: 'copy', count: 1, isMandatory: false, condition: 'Nếu có', form: null });
    body.steps = [
      { stage: 'reception', role: 'reception', name: 'Tiếp nhận', hours: 4 },
      { stage: 'processing', role: 'specialist', name: 'Thẩm định', hours: 28 },
      { stage: 'approval', role: 'leader', name: 'Ký duyệt', hours: 4 },
      { stage: 'return', role: 'reception', name: 'Trả kết quả', hours: 4 },
    ];
    const res = await t.app.inject({ method: 'PUT', url: `/api/admin/procedures/${CODE}`, payload: body, headers: { cookie: admin } });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json();
    expect(after.timeLimit).toEqual({ value: 5, unit: 'working_days' });
    expect(after.fees).toEqual([{ name: 'Lệ phí', amount: 8000, note: null }]);
    expect(after.components[0]).toMatchObject({ id: before.components[0].id, name: 'Tờ khai theo mẫu (đã sửa)' });
    expect(after.components.at(-1)).toMatchObject({ name: 'Giấy tờ bổ sung mới', position: before.components.length + 1 });
    expect(after.steps.map((s: any) => s.hours)).toEqual([4, 28, 4, 4]);
    const due = await t.app.inject({ method: 'GET', url: `/api/public/due-date?procedure=${CODE}` });
    expect(due.json().timeLimit).toEqual({ value: 5, unit: 'working_days' });
    const found = await t.app.inject({ method: 'GET', url: '/api/procedures?q=sua%20doi' });
    expect(found.json().items.map((p: any) => p.code)).toContain(CODE);
    const audit = await db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'procedure').where('entity_id', '=', CODE).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details).before.timeLimit).toEqual(before.timeLimit);
  });

  it('rejects bad input with a field, and refuses to drop a component a dossier already holds, leaving nothing half-written', async () => {
    const admin = await t.login('admin');
    const reception = await t.login('tiepnhan1');
    const p = await current();
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/procedures/${CODE}`,
      payload: { ...editOf(p), timeLimit: { value: null, unit: 'working_days' } },
      headers: { cookie: admin },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('timeLimit.value');
    const badKind = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/procedures/${CODE}`,
      payload: { ...editOf(p), components: [{ ...editOf(p).components[0], kind: 'scan' }] },
      headers: { cookie: admin },
    });
    expect(badKind.statusCode).toBe(400);
    const foreign = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/procedures/${CODE}`,
      payload: { ...editOf(p), components: [{ ...editOf(p).components[0], id: 999_999 }] },
      headers: { cookie: admin },
    });
    expect(foreign.statusCode).toBe(422);

    const mandatory = p.components.filter((c: any) => c.isMandatory).map((c: any) => c.id);
    const received = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { cookie: reception },
      payload: {
        procedureCode: CODE,
        channel: 'direct',
        applicant: { fullName: 'Nguyễn Văn An', idNumber: '001090012345', phone: '0912345678', address: 'Đông Thanh' },
        submittedComponents: mandatory,
      },
    });
    expect(received.statusCode, received.body).toBe(201);
    const edit = editOf(p);
    edit.name = 'Tên không được lưu';
    edit.components = edit.components.filter((c: any) => c.id !== mandatory[0]);
    const conflict = await t.app.inject({ method: 'PUT', url: `/api/admin/procedures/${CODE}`, payload: edit, headers: { cookie: admin } });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.field).toBe('components');
    const unchanged = await current();
    expect(unchanged.name).toBe(p.name);
    expect(unchanged.components).toHaveLength(p.components.length);
  });
});
