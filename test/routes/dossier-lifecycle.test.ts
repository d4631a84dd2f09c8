import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { act, APPLICANT, procedureDetail, receive, requiredComponentIds } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

describeEachDialect('dossier lifecycle over HTTP', (dialect) => {
  let db: Db;
  let t: TestApp;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    // Tuesday 01/12/2026, 09:00 in Vietnam.
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z');
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('receives at the counter, processes through every step and returns the result, with a full timeline', async () => {
    const reception = await t.login('tiepnhan1');
    const res = await receive(t.app, reception, '1.001022', { key: 'lifecycle-0001' });
    expect(res.statusCode, res.body).toBe(201);
    const received = res.json();
    expect(received.code).toMatch(/^000\.00\.34\.H40-261201-\d{4}$/);
    expect(received.status).toBe('received');
    // 3 working days from 09:00 Tuesday 01/12/2026 → 09:00 Friday 04/12/2026 (02:00Z).
    expect(received.dueAt).toBe('2026-12-04T02:00:00.000Z');
    expect(received.dueExplanation.text).toContain('04/12/2026');
    expect(received.applicant.phone).toBe('0912345678');
    expect(received.availableActions.map((a: { action: string }) => a.action)).toContain('assign');
    expect(received.steps).toHaveLength(1);
    expect(received.steps[0].stage).toBe('reception');
    const code: string = received.code;

    t.clock.advanceMinutes(30);
    expect((await act(t.app, reception, code, 'assign')).statusCode).toBe(200);
    const head = await t.login('chanhvanphong');
    const users = (await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: head } })).json().items as {
      id: number;
      username: string;
    }[];
    const hotich1 = users.find((u) => u.username === 'hotich1')!;
    t.clock.advanceMinutes(30);
    const started = await act(t.app, head, code, 'start_processing', { handlerId: hotich1.id });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().handler.fullName).toBe('Võ Thị Ngọc Ánh');

    const specialist = await t.login('hotich1');
    t.clock.advanceMinutes(240);
    expect((await act(t.app, specialist, code, 'submit_for_approval')).statusCode).toBe(200);
    const leader = await t.login('chutich');
    const inbox = await t.app.inject({ method: 'GET', url: '/api/dossiers?status=awaiting_approval', headers: { cookie: leader } });
    expect(inbox.json().items.map((d: { code: string }) => d.code)).toContain(code);
    t.clock.advanceMinutes(60);
    expect((await act(t.app, leader, code, 'approve')).statusCode).toBe(200);
    t.clock.advanceMinutes(30);
    expect((await act(t.app, specialist, code, 'issue_result')).statusCode).toBe(200);
    t.clock.advanceMinutes(60);
    const returned = await act(t.app, reception, code, 'return_result');
    expect(returned.statusCode, returned.body).toBe(200);
    const final = returned.json();
    expect(final.status).toBe('returned');
    expect(final.portalStatus.code).toBe(10);
    expect(final.timeliness).toEqual({ state: 'finished', againstOriginal: 'early', againstExtended: null });
    expect(final.timeline.map((e: { action: string }) => e.action)).toEqual([
      'receive',
      'assign',
      'start_processing',
      'submit_for_approval',
      'approve',
      'issue_result',
      'return_result',
    ]);
    expect(final.timeline[3].actor.name).toBe('Võ Thị Ngọc Ánh');
    expect(final.steps.map((s: { stage: string }) => s.stage)).toEqual(['reception', 'assignment', 'processing', 'approval', 'issuance', 'return']);
    for (const s of final.steps) expect(s.completedAt).not.toBeNull();
    expect(final.availableActions).toEqual([]);

    // The citizen looks it up with the last 4 digits of the phone.
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/dossiers/${code}?phone=5678` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().applicantName).toBe('N***** V** A*');
    expect(pub.json().status).toBe('returned');
    expect(JSON.stringify(pub.json())).not.toContain('038095001234');
  });

  it('residence registration is signed by the ward police chief, not the Chairman', async () => {
    const reception = await t.login('tiepnhan3');
    const code = (await receive(t.app, reception, '1.004194')).json().code as string;
    await act(t.app, reception, code, 'assign');
    const officer = await t.login('cutru1');
    expect((await act(t.app, officer, code, 'start_processing')).statusCode).toBe(200);
    expect((await act(t.app, officer, code, 'submit_for_approval')).statusCode).toBe(200);
    const chairman = await t.login('chutich');
    expect((await act(t.app, chairman, code, 'approve')).statusCode).toBe(403);
    const chief = await t.login('truongcongan');
    const approved = await act(t.app, chief, code, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
  });

  it('retries with the same Idempotency-Key never create a second dossier; a different body with it is 422', async () => {
    const reception = await t.login('tiepnhan2');
    const a = await receive(t.app, reception, '1.004873', { key: 'retry-key-0001' });
    const b = await receive(t.app, reception, '1.004873', { key: 'retry-key-0001' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().code).toBe(a.json().code);
    const count = await db.kysely.selectFrom('dossier').select((eb) => eb.fn.countAll<number>().as('n')).where('code', '=', a.json().code).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const c = await receive(t.app, reception, '1.004873', { key: 'retry-key-0001', applicant: { fullName: 'Trần Thị Bình' } });
    expect(c.statusCode).toBe(422);
    expect(c.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a missing mandatory component is 422 naming it, and nothing is written', async () => {
    const reception = await t.login('tiepnhan1');
    const p = await procedureDetail(t.app, '1.001022');
    const required = requiredComponentIds(p);
    const before = await db.kysely.selectFrom('dossier').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await receive(t.app, reception, '1.001022', { components: required.slice(1) });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('MISSING_COMPONENT');
    expect(body.error.field).toBe('submittedComponents');
    const missingName = p.components.find((c) => c.id === required[0])!.name;
    expect(body.error.message).toContain(missingName);
    const after = await db.kysely.selectFrom('dossier').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a second supplement request is 409 SUPPLEMENT_LIMIT; the supplement restarts the clock from zero', async () => {
    const reception = await t.login('tiepnhan1');
    const code = (await receive(t.app, reception, '1.001022')).json().code as string;
    await act(t.app, reception, code, 'assign');
    const specialist = await t.login('hotich2');
    expect((await act(t.app, specialist, code, 'start_processing')).statusCode).toBe(200);
    const p = await procedureDetail(t.app, '1.001022');
    const first = await act(t.app, specialist, code, 'request_supplement', {
      reason: 'Thiếu bản sao giấy tờ chứng minh quan hệ cha con',
      items: [{ componentId: p.components[0]!.id }],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().status).toBe('supplement_requested');
    expect(first.json().portalStatus.code).toBe(5);
    t.clock.advanceMinutes(24 * 60);
    const resumed = await act(t.app, reception, code, 'receive_supplement');
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json().status).toBe('processing');
    expect(Date.parse(resumed.json().dueAt)).toBeGreaterThan(Date.parse(first.json().dueAt));
    const second = await act(t.app, specialist, code, 'request_supplement', { reason: 'Thiếu thêm giấy tờ khác', items: [{ componentId: p.components[0]!.id }] });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('SUPPLEMENT_LIMIT');
    const pauses = await db.kysely.selectFrom('dossier_pause').selectAll().execute();
    expect(pauses.some((p) => p.ended_at !== null)).toBe(true);
  });

  it('an action from the wrong status is 409 naming the status and the allowed actions', async () => {
    const reception = await t.login('tiepnhan1');
    const code = (await receive(t.app, reception, '1.004873')).json().code as string;
    const res = await act(t.app, reception, code, 'return_result');
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.error.code).toBe('ACTION_NOT_ALLOWED');
    expect(body.error.message).toContain('Đã tiếp nhận');
    expect(body.error.details.status).toBe('received');
    expect(body.error.details.allowedActions).toContain('assign');
  });

  it('the appointment is extended only once: the division drafts form 04 with a reason within the cap, a leader signs', async () => {
    const reception = await t.login('tiepnhan1');
    const created = (await receive(t.app, reception, '1.001022')).json();
    const leader = await t.login('phochutich');
    const head = await t.login('chanhvanphong');
    await act(t.app, reception, created.code, 'assign');
    const unsigned = await act(t.app, leader, created.code, 'extend_deadline', {});
    expect(unsigned.statusCode).toBe(409);
    expect(unsigned.json().error.code).toBe('APOLOGY_REQUIRED');
    const noReason = await act(t.app, head, created.code, 'draft_apology', { newDueAt: '2026-12-08T10:00:00.000Z' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    const tooFar = await act(t.app, head, created.code, 'draft_apology', { newDueAt: '2027-03-01T10:00:00.000Z', reason: 'Cần xác minh thêm' });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().error.field).toBe('newDueAt');
    // The dossier page shows the cap before anyone types a date: exactly the limit the server enforces.
    const shown = (await t.app.inject({ url: `/api/dossiers/${created.code}`, headers: { cookie: head } })).json();
    expect(shown.availableActions.map((x: { action: string }) => x.action)).toContain('draft_apology');
    const cap = shown.apologyDateLimit as string;
    expect(cap).toBe(tooFar.json().error.details.cap);
    expect(Date.parse(cap)).toBeGreaterThan(Date.parse(created.dueAt));
    const justPast = new Date(Date.parse(cap) + 60_000).toISOString();
    expect((await act(t.app, head, created.code, 'draft_apology', { newDueAt: justPast, reason: 'Cần xác minh thêm' })).json().error.field).toBe('newDueAt');
    // Reception cannot draft form 04: no limit is shown to it.
    expect((await t.app.inject({ url: `/api/dossiers/${created.code}`, headers: { cookie: reception } })).json().apologyDateLimit).toBeNull();
    expect((await act(t.app, head, created.code, 'draft_apology', { newDueAt: '2026-12-08T10:00:00.000Z', reason: 'Cần xác minh thêm' })).statusCode).toBe(200);
    const ok = await act(t.app, leader, created.code, 'extend_deadline', {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().extendedDueAt).toBe('2026-12-08T10:00:00.000Z');
    expect(ok.json().originalDueAt).toBe(created.dueAt);
    const again = await act(t.app, head, created.code, 'draft_apology', { newDueAt: '2026-12-09T10:00:00.000Z', reason: 'Lần hai' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EXTENSION_LIMIT');
  });

  it('division staff cannot read or act on another division’s dossier; supervisors see personal data masked', async () => {
    const reception = await t.login('tiepnhan1');
    const code = (await receive(t.app, reception, '1.001022')).json().code as string;
    const foreign = await t.login('diachinh1');
    expect((await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}`, headers: { cookie: foreign } })).statusCode).toBe(403);
    expect((await act(t.app, foreign, code, 'start_processing')).statusCode).toBe(403);
    const supervisor = await t.login('mattran');
    const seen = (await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}`, headers: { cookie: supervisor } })).json();
    expect(seen.applicant.fullName).toBe('N***** V** A*');
    expect(seen.applicant.idNumber).not.toContain(APPLICANT.idNumber.slice(0, 6));
    expect(seen.availableActions).toEqual([]);
    expect((await act(t.app, supervisor, code, 'assign')).statusCode).toBe(403);
  });

  it('the public lookup answers an unknown code, a missing and a wrong phone exactly alike', async () => {
    const reception = await t.login('tiepnhan1');
    const code = (await receive(t.app, reception, '1.004873')).json().code as string;
    const answers = await Promise.all(
      [`/api/public/dossiers/${code}?phone=0000`, `/api/public/dossiers/${code}`, `/api/public/dossiers/000.00.34.H40-261201-9999?phone=5678`, `/api/public/dossiers/xyz?phone=5678`].map(
        (url) => t.app.inject({ method: 'GET', url }),
      ),
    );
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      expect(a.body).toBe(answers[0]!.body);
    }
  });
});

