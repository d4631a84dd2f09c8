import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { act, APPLICANT, receive } from '../fixtures.ts';
import { totpCode } from '../../src/server/modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-ward.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

const COMPLAINANT = { name: 'Trịnh Thị Khiếu Nại', phone: '0987654321', email: 'khieunai.trinh@example.org' };
const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describeEachDialect('complaints (PAKN) and the supervisor portal', (dialect) => {
  let db: Db;
  let t: TestApp;
  let lateCode: string;
  let webCode: string;
  let counterCode: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    // Tuesday 01/12/2026, 09:00 in Vietnam.
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z');
    const reception = await t.login('tiepnhan1');
    const res = await receive(t.app, reception, '1.001022');
    expect(res.statusCode, res.body).toBe(201);
    lateCode = res.json().code;
    expect((await act(t.app, reception, lateCode, 'assign')).statusCode).toBe(200);
    // Extension signed by the Chairman (form 04), then the dossier still runs late.
    t.clock.advanceMinutes(60 * 24 * 2);
    const head = await t.login('chanhvanphong');
    const draft = await act(t.app, head, lateCode, 'draft_apology', { reason: 'Cần xác minh thêm với nơi đăng ký trước đây', newDueAt: '2026-12-08T02:00:00.000Z' });
    expect(draft.statusCode, draft.body).toBe(200);
    const leader = await t.login('chutich');
    const ext = await act(t.app, leader, lateCode, 'extend_deadline', { reason: 'Cần xác minh thêm với nơi đăng ký trước đây' });
    expect(ext.statusCode, ext.body).toBe(200);
    t.clock.set('2026-12-01T03:00:00.000Z');
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('public form /gop-y: no login, Vietnamese, mobile viewport; a valid post gives a tracking code, bad input re-renders with the message', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/gop-y' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('name="viewport"');
    expect(page.body).toContain('Gửi phản ánh, kiến nghị');
    expect(page.body).toContain('10 ngày làm việc');

    const short = await t.app.inject({ method: 'POST', url: '/gop-y', ...form({ category: 'staff', content: 'ngắn', submitterName: COMPLAINANT.name }) });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('(content)');
    expect(short.body).toContain(COMPLAINANT.name); // the form keeps what was typed
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/gop-y',
      ...form({ category: 'procedure', content: 'Hồ sơ của tôi chưa có kết quả dù đã quá hẹn.', submitterName: COMPLAINANT.name, dossierCode: 'KHONG-CO' }),
    });
    expect(unknown.statusCode).toBe(422);

    const ok = await t.app.inject({
      method: 'POST',
      url: '/gop-y',
      ...form({
        category: 'procedure',
        content: 'Hồ sơ của tôi chưa có kết quả dù đã quá hẹn, đề nghị phường kiểm tra.',
        submitterName: COMPLAINANT.name,
        phone: COMPLAINANT.phone,
        email: COMPLAINANT.email,
        dossierCode: lateCode,
      }),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    webCode = /class="code">([A-Z0-9-]+)</.exec(ok.body)![1]!;
    expect(webCode).toMatch(/^PA261201-[A-Z2-9]{6}$/);
    // 10 working days from 10:00 Tue 01/12/2026 → 10:00 Tue 15/12/2026 (Decree 20/2008 default).
    expect(ok.body).toContain('10:00 ngày 15/12/2026');

    const track = await t.app.inject({ method: 'GET', url: `/gop-y/tra-cuu?ma=${webCode.toLowerCase()}` });
    expect(track.statusCode).toBe(200);
    expect(track.body).toContain('Đã tiếp nhận');
    expect(track.body).not.toContain(COMPLAINANT.name);
    expect(track.body).not.toContain(COMPLAINANT.phone);
    expect((await t.app.inject({ method: 'GET', url: '/gop-y/tra-cuu?ma=PA000000-XXXXXX' })).statusCode).toBe(404);
  });

  it('counter API: 401, 403, 400 with the field, 201 linked to an officer; assign → answer → close, 409 out of order, audited', async () => {
    const body = { category: 'staff', content: 'Cán bộ tiếp nhận hướng dẫn chưa rõ ràng, phải đi lại hai lần.', submitterName: 'Lý Văn Góp Ý', staffUsername: 'tiepnhan2' };
    expect((await t.app.inject({ method: 'POST', url: '/api/complaints', payload: body })).statusCode).toBe(401);
    const specialist = await t.login('hotich1');
    expect((await t.app.inject({ method: 'POST', url: '/api/complaints', headers: { cookie: specialist }, payload: body })).statusCode).toBe(403);
    const reception = await t.login('tiepnhan1');
    const bad = await t.app.inject({ method: 'POST', url: '/api/complaints', headers: { cookie: reception }, payload: { ...body, phone: '12345' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('phone');
    const created = await t.app.inject({ method: 'POST', url: '/api/complaints', headers: { cookie: reception }, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    counterCode = created.json().trackingCode;
    expect(created.json()).toMatchObject({ channel: 'counter', status: 'received', staff: { fullName: 'Lê Văn Đức' }, dueAt: '2026-12-15T03:00:00.000Z' });

    const monitor = await t.login('kiemsoat');
    const path = (a: string) => `/api/complaints/${counterCode}/actions/${a}`;
    expect((await t.app.inject({ method: 'POST', url: path('close'), headers: { cookie: monitor }, payload: {} })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: path('assign'), headers: { cookie: reception }, payload: { assigneeUsername: 'phogiamdoc' } })).statusCode).toBe(403);
    const assigned = await t.app.inject({ method: 'POST', url: path('assign'), headers: { cookie: monitor }, payload: { assigneeUsername: 'phogiamdoc' } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().status).toBe('assigned');
    const head = await t.login('phogiamdoc');
    const noVerdict = await t.app.inject({ method: 'POST', url: path('answer'), headers: { cookie: head }, payload: { answer: 'Đã nhắc nhở cán bộ và xin lỗi người dân.' } });
    expect(noVerdict.statusCode).toBe(400);
    expect(noVerdict.json().error.field).toBe('substantiated');
    t.clock.advanceMinutes(60 * 24);
    const answered = await t.app.inject({
      method: 'POST',
      url: path('answer'),
      headers: { cookie: head },
      payload: { answer: 'Đã nhắc nhở cán bộ và xin lỗi người dân.', substantiated: true },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', substantiated: true, answeredOnTime: true, overdue: false });
    expect((await t.app.inject({ method: 'POST', url: path('answer'), headers: { cookie: head }, payload: { answer: 'Lần hai nữa nhé bà con ơi', substantiated: false } })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: path('close'), headers: { cookie: monitor }, payload: { note: 'Người dân đồng ý.' } })).json().status).toBe('closed');
    const detail = await t.app.inject({ method: 'GET', url: `/api/complaints/${counterCode}`, headers: { cookie: monitor } });
    expect(detail.json().history.map((h: { action: string }) => h.action)).toEqual(['complaint.receive', 'complaint.assign', 'complaint.answer', 'complaint.close']);
    const list = await t.app.inject({ method: 'GET', url: '/api/complaints?period=2026-12', headers: { cookie: monitor } });
    expect(list.json().total).toBe(2);
    expect(list.json().timeLimit.workingDays).toBe(10);
  });

  it('complaints feed 766 (5.2, 5.4), the Circular 01/2018 body indicator 8 and the dashboard', async () => {
    const monitor = await t.login('kiemsoat');
    t.clock.set('2026-12-20T03:00:00.000Z'); // the web complaint is now overdue and unanswered
    const r766 = (await t.app.inject({ method: 'GET', url: '/api/reports/766?period=2026-Q4', headers: { cookie: monitor } })).json();
    const i52 = r766.indicators.find((x: { code: string }) => x.code === '5.2');
    expect(i52).toMatchObject({ status: 'computed', numerator: 1, denominator: 2, pullingDown: [webCode] });
    const i54 = r766.indicators.find((x: { code: string }) => x.code === '5.4');
    expect(i54.status).toBe('partial');
    expect(i54.pullingDown).toContain(lateCode);
    const dash = (await t.app.inject({ method: 'GET', url: '/api/reports/dashboard?period=2026-12', headers: { cookie: monitor } })).json();
    expect(dash.complaints).toMatchObject({ received: 2, answered: 1, overdue: 1, substantiated: 1, linkedToDossier: 1, byCategory: { procedure: 1, staff: 1, other: 0 } });
    const ev = (await t.app.inject({ method: 'GET', url: '/api/reports/evaluation?period=2026-Q4', headers: { cookie: monitor } })).json();
    expect(ev.body.excluded).not.toContain('i8');
    expect(ev.body.indicators.i8).toBe(0); // 50 % on time < 90 %
  });

  it('supervision recommendations: 401, 403, 400, 201 with a due date in working days, 409 out of order, leader answers, overdue flag', async () => {
    const payload = { title: 'Kiến nghị về hồ sơ trễ hẹn', content: 'Đề nghị phường làm rõ nguyên nhân hồ sơ trễ hẹn và biện pháp khắc phục.', dossierCode: lateCode };
    expect((await t.app.inject({ method: 'POST', url: '/api/supervision/recommendations', payload })).statusCode).toBe(401);
    const monitor = await t.login('kiemsoat');
    expect((await t.app.inject({ method: 'POST', url: '/api/supervision/recommendations', headers: { cookie: monitor }, payload })).statusCode).toBe(403);
    const reception = await t.login('tiepnhan1');
    expect((await t.app.inject({ method: 'GET', url: '/api/supervision/recommendations', headers: { cookie: reception } })).statusCode).toBe(403);
    let front = await t.login('mattran');
    const bad = await t.app.inject({ method: 'POST', url: '/api/supervision/recommendations', headers: { cookie: front }, payload: { ...payload, content: 'ngắn' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('content');
    t.clock.set('2026-12-21T02:00:00.000Z'); // Monday 09:00
    const filed = await t.app.inject({ method: 'POST', url: '/api/supervision/recommendations', headers: { cookie: front }, payload });
    expect(filed.statusCode, filed.body).toBe(201);
    const rec = filed.json();
    expect(rec.code).toBe('KN-2026-001');
    expect(rec).toMatchObject({ status: 'filed', overdue: false, dossierCode: lateCode });
    // 15 working days from Mon 21/12/2026 09:00 → Tue 12/01/2027 09:00 (01/01/2027 is a holiday).
    expect(rec.dueAt).toBe('2027-01-12T02:00:00.000Z');
    const url = (a: string) => `/api/supervision/recommendations/${rec.code}/${a}`;
    expect((await t.app.inject({ method: 'POST', url: url('close'), headers: { cookie: front }, payload: {} })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: url('answer'), headers: { cookie: front }, payload: { answer: 'Tự trả lời được không nhỉ' } })).statusCode).toBe(403);
    t.clock.set('2027-01-14T02:00:00.000Z');
    // Sessions last 30 days: sign in again after the jump.
    const relogin = async (username: string) => {
      // Leaders sign in with their second factor (enrolled by the test helper on first login).
      const secret = t.totpSecrets.get(username) ?? (await t.login(username), t.totpSecrets.get(username));
      const totp = secret ? { totp: totpCode(secret, t.clock.now()) } : {};
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD, ...totp } });
      return `motcua_session=${res.cookies.find((c) => c.name === 'motcua_session')!.value}`;
    };
    front = await relogin('mattran');
    const listed = (await t.app.inject({ method: 'GET', url: '/api/supervision/recommendations', headers: { cookie: front } })).json();
    expect(listed).toMatchObject({ total: 1, open: 1, overdue: 1, answerDays: 15 });
    const leader = await relogin('chutich');
    const answered = await t.app.inject({ method: 'POST', url: url('answer'), headers: { cookie: leader }, payload: { answer: 'Phường đã xác định nguyên nhân và kiểm điểm bộ phận liên quan.' } });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answeredOnTime: false, overdue: true });
    expect((await t.app.inject({ method: 'POST', url: url('answer'), headers: { cookie: leader }, payload: { answer: 'Trả lời lần hai không được' } })).statusCode).toBe(409);
    const closed = await t.app.inject({ method: 'POST', url: url('close'), headers: { cookie: front }, payload: { note: 'Đồng ý với trả lời.' } });
    expect(closed.json().status).toBe('closed');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/supervision/recommendations/${rec.code}`, headers: { cookie: front } })).json();
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['supervision.file', 'supervision.answer', 'supervision.close']);
  });

  it('no personal data reaches the supervisor in any portal response', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mattran', password: DEMO_PASSWORD } });
    const front = `motcua_session=${res.cookies.find((c) => c.name === 'motcua_session')!.value}`;
    const urls = [
      '/api/supervision/late-dossiers?period=2026-Q4',
      '/api/supervision/complaints?period=2026-Q4',
      '/api/supervision/ratings?period=2026-Q4',
      `/api/supervision/dossiers/${lateCode}/timeline`,
      '/api/supervision/recommendations',
      '/api/supervision/recommendations/KN-2026-001',
    ];
    const secrets = [APPLICANT.fullName, APPLICANT.idNumber, '0912345678', APPLICANT.email, APPLICANT.address, COMPLAINANT.name, COMPLAINANT.phone, COMPLAINANT.email, 'Lý Văn Góp Ý'];
    const bodies: Record<string, unknown> = {};
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: front } });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      for (const s of secrets) expect(res.body, `${url} leaks ${s}`).not.toContain(s);
      bodies[url] = res.json();
    }
    const late = bodies[urls[0]!] as {
      count: number;
      withApology: number;
      breaches: number;
      items: { code: string; breach: boolean; apologies: { number: string; status: string; newDueAt: string }[]; state: string }[];
    };
    expect(late.items.map((i) => i.code)).toContain(lateCode);
    expect(late.withApology).toBe(1);
    // The apology table is the source: the signed form 04 with its number; a late dossier with it is no breach.
    const mine = late.items.find((i) => i.code === lateCode)!;
    expect(mine.apologies).toEqual([expect.objectContaining({ number: '01/PXL', status: 'signed', newDueAt: '2026-12-08T02:00:00.000Z' })]);
    expect(mine.breach).toBe(false);
    expect(late.breaches).toBe(late.items.filter((i) => i.breach).length);
    const complaints = bodies[urls[1]!] as { items: { submitter: { name: string; phone: string } }[] };
    expect(complaints.items.map((c) => c.submitter.name)).toContain('T**** T** K**** N**');
    expect(complaints.items.map((c) => c.submitter.phone)).toContain('*******321');
    expect((bodies[urls[2]!] as { status: string }).status).toBe('pending_data');
    const timeline = bodies[urls[3]!] as { applicantName: string; timeline: { action: string }[] };
    expect(timeline.applicantName).toBe('N***** V** A*');
    expect(timeline.timeline.map((e) => e.action)).toEqual(['receive', 'assign', 'draft_apology', 'extend_deadline']);
    expect((await t.app.inject({ method: 'GET', url: '/api/supervision/dossiers/KHONG-CO/timeline', headers: { cookie: front } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/supervision/late-dossiers?period=2026-13', headers: { cookie: front } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/supervision/late-dossiers?period=2026-Q4' })).statusCode).toBe(401);
  });
});
