import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { JobWorker } from '../../src/server/jobs/job-worker.ts';
import { jobRegistry } from '../../src/server/jobs/registry.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { act, procedureDetail, receive } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

const OUT = process.env.MOTCUA_FORMS_DIR ?? mkdtempSync(join(tmpdir(), 'motcua-forms-'));

/** The text of a PDF as a reader would copy it (poppler's pdftotext), whitespace collapsed. */
function pdfText(buf: Buffer, name: string): string {
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, buf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

function docxXml(buf: Buffer, name: string): string {
  const file = join(OUT, `${name}.docx`);
  writeFileSync(file, buf);
  return execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
}

describeEachDialect('3 không over HTTP', (dialect) => {
  let db: Db;
  let t: TestApp;
  let worker: JobWorker;
  const get = async (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(who) } });
  const post = async (who: string, url: string, payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: await t.login(who) }, payload });
  beforeAll(async () => {
    db = await openTestDb(dialect);
    // Tuesday 01/12/2026, 09:00 in Vietnam.
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z');
    const { handlers, recurring } = jobRegistry();
    worker = new JobWorker({ db, clock: t.clock }, handlers, { recurring });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('deadline watch: warnings stored once per level, notified to handler, head and leader; risk filter; digest at 07:30', async () => {
    const code = (await receive(t.app, await t.login('tiepnhan1'), '1.001022')).json().code as string;
    await act(t.app, await t.login('tiepnhan1'), code, 'assign');
    const users = (await get('chanhvanphong', '/api/users')).json().items as { id: number; username: string }[];
    const hotich1 = users.find((u) => u.username === 'hotich1')!;
    expect((await act(t.app, await t.login('chanhvanphong'), code, 'start_processing', { handlerId: hotich1.id })).statusCode).toBe(200);
    await worker.runOnce();
    // Due Friday 04/12 09:00. Thursday 03/12 09:00: one working day left → "sắp đến hạn".
    t.clock.set('2026-12-03T02:00:00.000Z');
    await worker.runOnce();
    await worker.runOnce(); // a second tick repeats nothing
    const warnings = await db.kysely.selectFrom('deadline_warning').selectAll().execute();
    const dossierWarnings = warnings.filter((w) => w.step_id === 0);
    expect(dossierWarnings.map((w) => w.level)).toContain('due_soon');
    expect(new Set(warnings.map((w) => `${w.dossier_id}/${w.step_id}/${w.level}/${w.due_at}`)).size, JSON.stringify(warnings)).toBe(warnings.length);
    const inbox = (await get('hotich1', '/api/notifications')).json();
    expect(inbox.items.some((n: { kind: string; dossierCode: string }) => n.kind === 'deadline.due_soon' && n.dossierCode === code)).toBe(true);
    expect((await get('chanhvanphong', '/api/notifications')).json().items.some((n: { dossierCode: string }) => n.dossierCode === code)).toBe(true);
    const soon = (await get('chanhvanphong', '/api/dossiers?risk=due_soon')).json();
    expect(soon.items.map((d: { code: string }) => d.code)).toContain(code);
    expect(soon.items.find((d: { code: string }) => d.code === code).risk.label).toBe('Sắp đến hạn');

    // Friday 04/12 07:31: due today; the leader hears of it, and the day's digest goes out once.
    t.clock.set('2026-12-04T00:31:00.000Z');
    await worker.runOnce();
    await worker.runOnce();
    const leaderInbox = (await get('chutich', '/api/notifications')).json();
    expect(leaderInbox.items.some((n: { kind: string; dossierCode: string }) => n.kind === 'deadline.due_today' && n.dossierCode === code)).toBe(true);
    const digests = await db.kysely.selectFrom('notification').selectAll().where('kind', '=', 'deadline.digest').where('dedupe_key', 'like', 'digest:2026-12-04:%').execute();
    expect(digests.length).toBeGreaterThan(0);
    expect(new Set(digests.map((d) => d.user_id)).size).toBe(digests.length);
    const today = (await get('chutich', '/api/three-khong/today')).json();
    expect(today.counts.dueToday).toBeGreaterThanOrEqual(1);
    // Overdue, no apology signed: a breach, shown on the today screen.
    t.clock.set('2026-12-04T03:00:00.000Z');
    await worker.runOnce();
    const overdue = (await get('chutich', '/api/dossiers?risk=overdue')).json();
    const row = overdue.items.find((d: { code: string }) => d.code === code);
    expect(row.breach).toBe(true);
    expect((await get('chutich', '/api/three-khong/today')).json().counts.breaches).toBeGreaterThanOrEqual(1);
    // Mark read.
    const id = leaderInbox.items[0].id as number;
    expect((await post('chutich', `/api/notifications/${id}/read`)).statusCode).toBe(200);
    expect((await post('hotich1', `/api/notifications/${id}/read`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await get('chutich', '/api/dossiers?risk=later')).statusCode).toBe(400);
  });

  it('apology: drafted by the division, signed by a leader, new date replaces the old and the applicant is announced; form 04 prints', async () => {
    t.clock.set('2026-12-07T02:00:00.000Z'); // Monday 09:00
    const code = (await receive(t.app, await t.login('tiepnhan1'), '1.001022')).json().code as string;
    const created = (await get('tiepnhan1', `/api/dossiers/${code}`)).json();
    await act(t.app, await t.login('tiepnhan1'), code, 'assign');
    const newDueAt = '2026-12-14T02:00:00.000Z';
    const byLeader = await act(t.app, await t.login('chutich'), code, 'draft_apology', { reason: 'Cần xác minh', newDueAt });
    expect(byLeader.statusCode, byLeader.body).toBe(403);
    const drafted = await act(t.app, await t.login('chanhvanphong'), code, 'draft_apology', { reason: 'Cần xác minh thông tin với Công an phường', newDueAt });
    expect(drafted.statusCode, drafted.body).toBe(200);
    expect(drafted.json().availableActions).toBeDefined();
    const toSign = (await get('chutich', '/api/three-khong/today')).json().apologiesToSign;
    expect(toSign.map((a: { code: string }) => a.code)).toContain(code);
    expect(toSign.find((a: { code: string }) => a.code === code).isLateDraft).toBe(false);
    const draftPdf = await get('chutich', `/api/dossiers/${code}/forms/apology.pdf`);
    expect(pdfText(draftPdf.rawPayload, `apology-draft-${dialect}`)).toContain('Dự thảo');
    const signed = await act(t.app, await t.login('phochutich'), code, 'extend_deadline', {});
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().dueAt).toBe(newDueAt);
    expect(signed.json().originalDueAt).toBe(created.dueAt);
    const job = await db.kysely.selectFrom('job').selectAll().where('kind', '=', 'notify.applicant').where('dedupe_key', '=', `notify.applicant:${code}:appointment_extended`).executeTakeFirst();
    expect(JSON.parse(job!.payload)).toMatchObject({ dossierCode: code, event: 'appointment_extended', newDueAt });
    const again = await act(t.app, await t.login('chanhvanphong'), code, 'draft_apology', { reason: 'Lần hai', newDueAt: '2026-12-15T02:00:00.000Z' });
    expect(again.json().error.code).toBe('EXTENSION_LIMIT');
    const pdf = await get('chutich', `/api/dossiers/${code}/forms/apology.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload, `apology-${dialect}`);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      'Mẫu số 04',
      'Kính gửi: Ông/bà Nguyễn Văn An',
      code,
      '038095001234',
      'Cần xác minh thông tin với Công an phường',
      '09 giờ 00 phút, ngày 10/12/2026',
      '09 giờ 00 phút, ngày 14/12/2026',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      '01/PXL',
    ]) {
      expect(text, s).toContain(s);
    }
    // The editable copy breaks the signer's title onto two lines like the PDF (a <w:br/> between them).
    const apologyDocx = docxXml((await get('chutich', `/api/dossiers/${code}/forms/apology.docx`)).rawPayload, `apology-${dialect}`);
    expect(apologyDocx).toMatch(/KT\. CHỦ TỊCH<\/w:t><\/w:r><w:r>(?:(?!<\/w:p>).)*?<w:br\/>(?:(?!<\/w:p>).)*?PHÓ CHỦ TỊCH/);
    expect(apologyDocx).not.toContain('KT. CHỦ TỊCH\nPHÓ');
    // Accountability beside it, and the open corrective actions list.
    const owner = ((await get('chanhvanphong', '/api/users')).json().items as { id: number; username: string }[]).find((u) => u.username === 'chanhvanphong')!;
    const rec = await post('chutich', `/api/dossiers/${code}/accountability`, {
      responsibleDivision: 'VP',
      rootCause: 'coordination',
      rootCauseNote: 'Chờ kết quả xác minh của Công an phường',
      correctiveAction: 'Lập lịch xác minh trong 4 giờ làm việc đầu',
      actionOwnerId: owner.id,
      actionDueDate: '2026-12-31',
    });
    expect(rec.statusCode, rec.body).toBe(201);
    expect((await post('hotich1', `/api/dossiers/${code}/accountability`, {})).statusCode).toBe(403);
    expect((await post('chutich', `/api/dossiers/${code}/accountability`, { rootCause: 'nope' })).statusCode).toBe(400);
    const open = (await get('kiemsoat', '/api/accountability')).json();
    expect(open.items.map((i: { dossierCode: string }) => i.dossierCode)).toContain(code);
    const closed = await post('kiemsoat', `/api/accountability/${rec.json().id}/close`, { verificationNote: 'Đã áp dụng từ tuần sau' });
    expect(closed.statusCode).toBe(200);
    expect((await post('kiemsoat', `/api/accountability/${rec.json().id}/close`, { verificationNote: 'Lần hai' })).statusCode).toBe(409);
  });

  it('one supplement only: every item at once from the catalog; unlisted or second needs a leader override, counted; form 02 prints', async () => {
    const reception = await t.login('tiepnhan1');
    const code = (await receive(t.app, reception, '1.001022')).json().code as string;
    await act(t.app, reception, code, 'assign');
    const specialist = await t.login('hotich2');
    await act(t.app, specialist, code, 'start_processing');
    const p = await procedureDetail(t.app, '1.001022');
    expect((await act(t.app, specialist, code, 'request_supplement', { reason: 'Thiếu giấy tờ', items: [] })).json().error.field).toBe('items');
    const unlisted = await act(t.app, specialist, code, 'request_supplement', { reason: 'Thiếu giấy tờ', items: [{ componentId: p.components[0]!.id }], otherItems: [{ name: 'Sổ hộ khẩu' }] });
    expect(unlisted.statusCode).toBe(409);
    expect(unlisted.json().error.code).toBe('OVERRIDE_REQUIRED');
    const first = await act(t.app, specialist, code, 'request_supplement', {
      reason: 'Hồ sơ chưa đủ theo thủ tục đã công bố',
      items: [{ componentId: p.components[0]!.id, note: 'Bản chính để đối chiếu' }, { componentId: p.components[1]!.id }],
    });
    expect(first.statusCode, first.body).toBe(200);
    const form02 = pdfText((await get('hotich2', `/api/dossiers/${code}/forms/supplement-request.pdf`)).rawPayload, `supplement-${dialect}`);
    for (const s of ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Mẫu số 02', code, 'Nguyễn Văn An', p.components[0]!.name.slice(0, 20), 'Bản chính để đối chiếu', 'Hồ sơ chưa đủ theo thủ tục đã công bố', 'NGƯỜI HƯỚNG DẪN', 'tính lại từ đầu']) {
      expect(form02, s).toContain(s);
    }
    await act(t.app, reception, code, 'receive_supplement');
    const second = await act(t.app, specialist, code, 'request_supplement', { reason: 'Thiếu thêm', items: [{ componentId: p.components[0]!.id }] });
    expect(second.json().error.code).toBe('SUPPLEMENT_LIMIT');
    const overridden = await act(t.app, await t.login('chutich'), code, 'request_supplement', {
      reason: 'Thẩm định phát hiện sai sót do người nộp khai nhầm',
      overrideReason: 'Lỗi của người nộp, phát hiện khi thẩm định',
      items: [{ componentId: p.components[0]!.id }],
      otherItems: [{ name: 'Văn bản xác nhận của Công an phường' }],
    });
    expect(overridden.statusCode, overridden.body).toBe(200);
    const counted = (await get('kiemsoat', '/api/three-khong/overrides')).json();
    expect(counted.byKind).toEqual({ second_supplement: 1, unlisted_document: 1 });
    expect((await get('hotich2', '/api/three-khong/overrides')).statusCode).toBe(403);
  });

  it('forms: receipt with QR, refusal with reasons, stop notice, control slip, register PDF/XLSX, guidance, redirect slip; DOCX opens', async () => {
    const reception = await t.login('tiepnhan1');
    const code = (await receive(t.app, reception, '1.001022')).json().code as string;
    const receipt = await get('tiepnhan1', `/api/dossiers/${code}/forms/receipt.pdf`);
    expect(receipt.statusCode).toBe(200);
    const rt = pdfText(receipt.rawPayload, `receipt-${dialect}`);
    for (const s of ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Mẫu số 01', code, 'Nguyễn Văn An', '038095001234', '0912345678', 'Thời gian trả kết quả', 'NGƯỜI TIẾP NHẬN HỒ SƠ', 'Nguyễn Thị Thanh Hương', 'localhost:3000/tra-cuu?']) {
      expect(rt, s).toContain(s);
    }
    const fonts = execFileSync('pdffonts', [join(OUT, `receipt-${dialect}.pdf`)], { encoding: 'utf8' });
    expect(fonts).toContain('LiberationSerif');
    expect(fonts).toMatch(/yes\s+yes/); // embedded subset
    const docx = docxXml((await get('tiepnhan1', `/api/dossiers/${code}/forms/receipt.docx`)).rawPayload, `receipt-${dialect}`);
    expect(docx).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(docx).toContain(code);
    // The QR image to the public lookup, as in the PDF: an embedded PNG drawn in the document, and the same URL under it.
    expect(docx).toContain('<pic:pic');
    expect(docx).toContain('localhost:3000/tra-cuu?');
    const media = execFileSync('unzip', ['-l', join(OUT, `receipt-${dialect}.docx`)], { encoding: 'utf8' });
    expect(media).toMatch(/word\/media\/\S+\.png/);
    expect((await get('tiepnhan1', `/api/dossiers/${code}/forms/refusal.pdf`)).statusCode).toBe(409);
    expect((await get('tiepnhan1', `/api/dossiers/${code}/forms/nothing.pdf`)).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/forms/receipt.pdf` })).statusCode).toBe(401);
    expect((await get('diachinh1', `/api/dossiers/${code}/forms/receipt.pdf`)).statusCode).toBe(403);

    const refused = await act(t.app, reception, code, 'refuse', { reason: 'Không đủ điều kiện', reasons: ['Người yêu cầu không cư trú trên địa bàn phường', 'Trẻ đã được đăng ký khai sinh tại nơi khác'] });
    expect(refused.statusCode).toBe(200);
    const ft = pdfText((await get('tiepnhan1', `/api/dossiers/${code}/forms/refusal.pdf`)).rawPayload, `refusal-${dialect}`);
    for (const s of ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Mẫu số 03', code, 'Người yêu cầu không cư trú trên địa bàn phường', 'Trẻ đã được đăng ký khai sinh tại nơi khác', '038095001234']) {
      expect(ft, s).toContain(s);
    }
    const other = (await receive(t.app, reception, '1.001022')).json().code as string;
    await act(t.app, reception, other, 'stop', { reason: 'Người nộp đề nghị dừng để bổ sung giấy tờ khác' });
    const st = pdfText((await get('tiepnhan1', `/api/dossiers/${other}/forms/stop-notice.pdf`)).rawPayload, `stop-${dialect}`);
    for (const s of ['THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', other, 'Người nộp đề nghị dừng', 'Đã tiếp nhận']) expect(st, s).toContain(s);
    const cs = pdfText((await get('tiepnhan1', `/api/dossiers/${other}/forms/control-slip.pdf`)).rawPayload, `control-${dialect}`);
    for (const s of ['PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', other, 'Giao: Người nộp hồ sơ', 'Nhận: Bộ phận Một cửa']) expect(cs, s).toContain(s);

    const reg = await get('chutich', '/api/forms/register.pdf?from=2026-12-01&to=2026-12-31');
    const regText = pdfText(reg.rawPayload, `register-${dialect}`);
    for (const s of ['SỔ THEO DÕI HỒ SƠ', 'Mẫu số 07', code, other, 'Hẹn trả kết', 'Nhận hồ sơ']) expect(regText, s).toContain(s);
    const xlsx = await get('chutich', '/api/forms/register.xlsx?from=2026-12-01&to=2026-12-31');
    writeFileSync(join(OUT, `register-${dialect}.xlsx`), xlsx.rawPayload);
    const sheet = execFileSync('unzip', ['-p', join(OUT, `register-${dialect}.xlsx`), 'xl/sharedStrings.xml'], { encoding: 'utf8' });
    expect(sheet).toContain(code);
    expect((await get('chutich', '/api/forms/register.pdf?from=2026-12-31&to=2026-12-01')).statusCode).toBe(400);
    expect((await get('hotich1', '/api/forms/register.pdf?from=2026-12-01&to=2026-12-31')).statusCode).toBe(403);

    const guide = pdfText((await get('tiepnhan1', '/api/procedures/1.001022/guidance.pdf')).rawPayload, `guidance-${dialect}`);
    for (const s of ['PHIẾU HƯỚNG DẪN THỰC HIỆN THỦ TỤC HÀNH CHÍNH', 'Thành phần hồ sơ', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Căn cứ pháp lý']) expect(guide, s).toContain(s);

    const agencies = (await get('tiepnhan1', '/api/agencies')).json();
    expect(agencies.total).toBeGreaterThanOrEqual(5);
    expect((await post('hotich1', '/api/redirects', { agencyCode: 'STP', applicantName: 'Trần Văn Bình', matter: 'Cấp phiếu lý lịch tư pháp' })).statusCode).toBe(403);
    expect((await post('tiepnhan1', '/api/redirects', { agencyCode: 'NOPE', applicantName: 'Trần Văn Bình', matter: 'Cấp phiếu lý lịch tư pháp' })).statusCode).toBe(422);
    const slip = await post('tiepnhan1', '/api/redirects', { agencyCode: 'STP', applicantName: 'Trần Văn Bình', matter: 'Cấp phiếu lý lịch tư pháp' });
    expect(slip.statusCode, slip.body).toBe(201);
    const sl = pdfText((await get('tiepnhan1', slip.json().slip.pdf)).rawPayload, `redirect-${dialect}`);
    for (const s of ['Sở Tư pháp tỉnh Nghệ An', 'Trần Văn Bình', 'Cấp phiếu lý lịch tư pháp', '0238 3 222 222', 'dichvucong.gov.vn']) expect(sl, s).toContain(s);
    expect((await get('kiemsoat', '/api/redirects?from=2026-12-01&to=2026-12-31')).json()).toMatchObject({ total: 1, countedAs: 'service' });
  });

  it('divisions: any staff member lists them to forward a dossier to another division; anonymous gets 401', async () => {
    const res = await get('tiepnhan1', '/api/divisions');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual({ code: 'VP', name: expect.any(String), kind: 'office' });
    expect((await t.app.inject({ method: 'GET', url: '/api/divisions' })).statusCode).toBe(401);
  });

  it('configurable rules: admin only, validated, and the pause rule keeps the remaining time', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/settings/three-khong', headers: { cookie: await t.login('chutich') }, payload: {} })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/settings/three-khong', headers: { cookie: await t.login('admin') }, payload: { supplement: { clockRule: 'stop' } } });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'PUT', url: '/api/settings/three-khong', headers: { cookie: await t.login('admin') }, payload: { supplement: { clockRule: 'pause' } } });
    expect(ok.json().supplement.clockRule).toBe('pause');
    expect(ok.json().deadline.dueSoonWorkingDays).toBe(1);
    t.clock.set('2026-12-08T02:00:00.000Z'); // Tuesday 09:00
    const reception = await t.login('tiepnhan1');
    const code = (await receive(t.app, reception, '1.001022')).json().code as string;
    await act(t.app, reception, code, 'assign');
    const specialist = await t.login('hotich1');
    await act(t.app, specialist, code, 'start_processing');
    t.clock.set('2026-12-09T02:00:00.000Z'); // one working day used, two left
    const p = await procedureDetail(t.app, '1.001022');
    await act(t.app, specialist, code, 'request_supplement', { reason: 'Thiếu giấy tờ', items: [{ componentId: p.components[0]!.id }] });
    t.clock.set('2026-12-14T02:00:00.000Z'); // Monday 09:00
    const resumed = (await act(t.app, reception, code, 'receive_supplement')).json();
    expect(resumed.dueAt).toBe('2026-12-16T02:00:00.000Z'); // two working days later
    const rows = await db.kysely.selectFrom('supplement_request').selectAll().where('clock_rule', '=', 'pause').execute();
    expect(rows[0]!.due_at_after).toBe('2026-12-16T02:00:00.000Z');
    await t.app.inject({ method: 'PUT', url: '/api/settings/three-khong', headers: { cookie: await t.login('admin') }, payload: { supplement: { clockRule: 'restart' } } });
  });
});
