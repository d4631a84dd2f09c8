/**
 * "3 không" in the staff console, in Chromium (issue 4): one supplement request only (the second is refused
 * with the rule's message), the queue's risk filter, a dossier at risk → the handling division drafts form 04 →
 * the Chairman signs it → the citizen sees the new appointment on /tra-cuu (server-rendered, JavaScript off),
 * the accountability record of a late dossier, redirect slips, and the admin's rules. axe on every new screen.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, MFA_ACCOUNTS, useBrowserKit } from './kit.ts';

const PROCEDURE = '1.001022'; // Đăng ký nhận cha, mẹ, con: 3 working days; received 09:00 Tue 01/12/2026 → due 09:00 Fri 04/12.

describe.skipIf(CHROMIUM_MISSING)('web: "3 không" screens in Chromium', { timeout: 180_000 }, () => {
  const kit = useBrowserKit();
  const { staff, citizen, accessible, shot } = kit;
  /** A: the apology journey; B: the supplement dialog, then late for the accountability record. */
  let a = '';
  let b = '';

  /** The API as a person; leaders and admins (second factor enrolled in the browser) through their signed-in page. */
  async function api(username: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
    if (MFA_ACCOUNTS.has(username)) {
      const page = await staff(username);
      const csrf = (await page.context().cookies()).find((c) => c.name === 'motcua_csrf')!.value;
      const res = await page.request.fetch(`${kit.base}${url}`, { method, headers: { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() }, ...(payload ? { data: payload } : {}) });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return res.json();
    }
    const cookie = await kit.t.login(username);
    const res = await kit.t.app.inject({ method, url, headers: { cookie, 'idempotency-key': crypto.randomUUID() }, ...(payload ? { payload: payload as object } : {}) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  }

  /** A dossier received at the desk, forwarded to the civil-status division and taken by hotich1. */
  async function processing(name: string, phone: string): Promise<string> {
    const p = await api('tiepnhan1', 'GET', `/api/procedures/${PROCEDURE}`);
    const created = await api('tiepnhan1', 'POST', '/api/dossiers', {
      procedureCode: PROCEDURE,
      channel: 'direct',
      applicant: { fullName: name, idNumber: `0380950${phone.slice(-5)}`, phone, address: 'Phường Đông Thanh' },
      submittedComponents: p.components.filter((x: { isMandatory: boolean }) => x.isMandatory).map((x: { id: number }) => x.id),
    });
    await api('tiepnhan1', 'POST', `/api/dossiers/${created.code}/actions/assign`, {});
    await api('hotich1', 'POST', `/api/dossiers/${created.code}/actions/start_processing`, {});
    return created.code as string;
  }

  async function open(page: Page, code: string): Promise<void> {
    await page.goto(`${kit.base}/app/ho-so/${code}`);
    await page.getByRole('heading', { name: new RegExp(code.replace(/\./g, '\\.')) }).waitFor();
  }

  beforeAll(async () => {
    a = await processing('Lê Văn Cường', '0912345678');
    b = await processing('Phạm Thị Dung', '0987655678');
  });

  it('one supplement request only: form 02 lists the missing items; the second request is refused with the rule', async () => {
    const page = await staff('hotich1');
    await open(page, b);
    await page.getByRole('button', { name: 'Yêu cầu bổ sung (mẫu 02)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox').first().check();
    await dialog.getByLabel('Ghi chú chung, hướng dẫn người nộp').fill('Bổ sung bản chính để đối chiếu.');
    await shot(page, 'supplement-dialog');
    await accessible(page, 'supplement dialog');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Yêu cầu bổ sung hồ sơ').first().waitFor();
    await page.getByRole('link', { name: 'Phiếu yêu cầu bổ sung (mẫu 02), PDF' }).waitFor();
    const pdf = await page.request.get(`${kit.base}/api/dossiers/${b}/forms/supplement-request.pdf`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    // The applicant brings the documents; the dossier resumes. A second request is refused (409 SUPPLEMENT_LIMIT).
    await api('tiepnhan1', 'POST', `/api/dossiers/${b}/actions/receive_supplement`, {});
    await open(page, b);
    await page.getByRole('button', { name: 'Yêu cầu bổ sung (mẫu 02)' }).click();
    await dialog.getByText('Hồ sơ đã được yêu cầu bổ sung 1 lần').waitFor();
    await dialog.getByRole('checkbox').first().check();
    await dialog.getByLabel('Ghi chú chung, hướng dẫn người nộp').fill('Thiếu thêm giấy tờ.');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await dialog.getByText('Không được yêu cầu bổ sung lần thứ hai').first().waitFor();
    expect(await dialog.getByTestId('action-error').textContent()).toContain('không được yêu cầu bổ sung lần thứ hai');
    await shot(page, 'supplement-limit');
    await accessible(page, 'supplement refused');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    const d = await api('hotich1', 'GET', `/api/dossiers/${b}`);
    expect(d.supplementCount).toBe(1);
  });

  it('the queue shows the deadline watch and filters by risk', async () => {
    // 15:00 Thursday 03/12/2026: less than one working day before 09:00 Friday.
    kit.t.clock.set('2026-12-03T08:00:00.000Z');
    const page = await staff('hotich1');
    await page.goto(`${kit.base}/app/ho-so?risk=due_soon`);
    await page.getByRole('link', { name: a }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: a }).getByTestId('risk-tag').textContent()).toBe('Sắp đến hạn');
    await shot(page, 'queue-risk');
    await accessible(page, 'queue with risk filter');
    await page.goto(`${kit.base}/app/ho-so?risk=overdue`);
    await page.getByText('Không có hồ sơ nào.').waitFor();
    expect(await page.getByRole('link', { name: a }).count()).toBe(0);
  });

  it('a dossier at risk: the division drafts the apology (form 04), the Chairman signs, the citizen sees the new date', async () => {
    const page = await staff('hotich1');
    await page.goto(`${kit.base}/app/`);
    await page.getByRole('heading', { name: 'Cảnh báo hạn hôm nay' }).waitFor();
    await page.getByRole('row').filter({ hasText: a }).waitFor();
    await shot(page, 'today');
    await accessible(page, 'today');
    await page.getByRole('button', { name: /^Thông báo/ }).click();
    await page.getByText(/Thông báo \(\d+ chưa đọc\)/).waitFor();
    await shot(page, 'notifications');
    await accessible(page, 'notifications');
    await page.keyboard.press('Escape');

    await open(page, a);
    const label = 'Dự thảo văn bản xin lỗi, đề nghị gia hạn (mẫu 04)';
    await page.getByRole('button', { name: label }).click();
    const dialog = page.getByRole('dialog');
    const date = dialog.getByLabel('Ngày hẹn trả mới đề nghị');
    await dialog.getByLabel('Lý do chậm trễ').fill('Phải xác minh thêm hồ sơ gốc tại nơi đăng ký trước đây.');
    // The cap (the appointment plus the legal 3 working days again: 09:00 Wed 09/12) is shown beside the picker.
    expect(await dialog.getByTestId('apology-date-limit').textContent()).toContain('09/12/2026');
    // Beyond it: refused by the server, naming the limit. (Enter confirms the date picker and submits the form.)
    await date.fill('09:00 31/12/2026');
    await date.press('Enter');
    await dialog.getByText('Ngày hẹn mới (newDueAt) không được sau', { exact: false }).first().waitFor();
    await shot(page, 'apology-draft');
    await accessible(page, 'apology draft dialog');
    await date.fill('09:00 08/12/2026');
    await date.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    // Drafted, not yet signed: the appointment is unchanged until the Chairman signs.
    await page.getByRole('link', { name: 'Văn bản xin lỗi, hẹn lại (mẫu 04), PDF' }).waitFor();
    expect((await api('hotich1', 'GET', `/api/dossiers/${a}`)).dueAt).toBe('2026-12-04T02:00:00.000Z');

    const leader = await staff('chutich');
    await leader.getByRole('link', { name: 'Xin lỗi, trách nhiệm' }).click();
    await leader.getByRole('heading', { name: 'Xin lỗi, gia hạn và trách nhiệm' }).waitFor();
    const row = leader.getByRole('row').filter({ hasText: a });
    await row.waitFor();
    expect(await row.textContent()).toContain('09:00 08/12/2026');
    await shot(leader, 'leader-apologies');
    await accessible(leader, 'leader apologies');
    await row.getByRole('button', { name: `Ký văn bản xin lỗi hồ sơ ${a}` }).click();
    await row.waitFor({ state: 'detached' });

    const c = await citizen();
    await c.goto(`${kit.base}/tra-cuu?ma=${encodeURIComponent(a)}&sdt=5678`);
    const body = (await c.textContent('body'))!;
    expect(body).toContain('09:00 thứ Ba, 08/12/2026');
    expect(body).toContain('đã có văn bản xin lỗi và hẹn lại');
    await shot(c, 'citizen-lookup-apology');
  });

  it('a late dossier: the division head records accountability; the Chairman verifies the corrective action', async () => {
    // 10:00 Friday 04/12: dossier B (no apology) is late, a breach.
    kit.t.clock.set('2026-12-04T03:00:00.000Z');
    const head = await staff('chanhvanphong');
    await open(head, b);
    await head.getByText('Ghi nhận trách nhiệm (hồ sơ trễ hẹn)').waitFor();
    const pick = async (label: string, option: string) => {
      await head.getByLabel(label).click();
      await head.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: false }).first().click();
    };
    await pick('Nhóm nguyên nhân', 'Quá tải công việc');
    await head.getByLabel('Mô tả nguyên nhân').fill('Dồn nhiều hồ sơ hộ tịch cuối tuần.');
    await head.getByLabel('Biện pháp khắc phục').fill('Bố trí thêm một công chức hỗ trợ.');
    await pick('Người thực hiện biện pháp', 'Võ Thị Ngọc Ánh');
    await shot(head, 'accountability-form');
    await accessible(head, 'accountability form');
    // Enter confirms the date and submits the form.
    await head.getByLabel('Hạn hoàn thành biện pháp').fill('11/12/2026');
    await head.getByLabel('Hạn hoàn thành biện pháp').press('Enter');
    await head.getByText('Đã ghi nhận trách nhiệm', { exact: false }).waitFor().catch(async (e) => {
      await shot(head, 'failure-accountability');
      throw e;
    });

    const leader = await staff('chutich');
    await leader.goto(`${kit.base}/app/xin-loi`);
    const row = leader.getByRole('row').filter({ hasText: b });
    await row.getByRole('button', { name: 'Xác nhận đã khắc phục' }).click();
    await leader.getByLabel('Kết quả kiểm tra (đã khắc phục thế nào)').fill('Đã bố trí thêm người từ 07/12.');
    await leader.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
    await row.waitFor({ state: 'detached' });
    const closed = await api('chutich', 'GET', '/api/accountability?status=closed');
    expect(closed.items.map((i: { dossierCode: string }) => i.dossierCode)).toContain(b);
  });

  it('reception redirects an out-of-jurisdiction request with a slip; the admin edits the rules', async () => {
    const desk = await staff('tiepnhan1');
    // At the reception desk the citizen asks for something the ward's catalog does not hold: the desk offers the
    // redirect slip, with the agencies searched for what was asked.
    await desk.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await desk.getByLabel('Tìm thủ tục (gõ không dấu cũng được)').fill('lý lịch tư pháp');
    await desk.getByText('Không có thủ tục phù hợp của phường.').waitFor();
    await desk.getByRole('link', { name: 'Lập phiếu hướng dẫn đến cơ quan có thẩm quyền' }).click();
    await desk.getByRole('heading', { name: 'Hướng dẫn đến cơ quan có thẩm quyền' }).waitFor();
    expect(await desk.getByLabel('Tìm cơ quan, việc cần làm').inputValue()).toBe('lý lịch tư pháp');
    await desk.getByRole('cell', { name: /Sở Tư pháp/ }).waitFor();
    expect(await desk.getByRole('radio').count()).toBe(2); // the two agencies handling criminal-record certificates
    await desk.getByRole('radio').first().check();
    await desk.getByLabel('Họ tên người hỏi').fill('Hoàng Văn Em');
    await desk.getByLabel('Việc cần giải quyết').fill('Cấp giấy chứng nhận quyền sử dụng đất lần đầu');
    await desk.getByRole('button', { name: 'Lập và in phiếu hướng dẫn' }).click();
    await desk.getByTestId('redirect-slip').waitFor();
    const href = await desk.getByRole('link', { name: 'In phiếu (PDF)' }).getAttribute('href');
    const pdf = await desk.request.get(`${kit.base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await shot(desk, 'redirect-desk');
    await accessible(desk, 'redirect desk');

    const admin = await staff('admin');
    await admin.getByRole('link', { name: 'Quy tắc "3 không"' }).click();
    await admin.getByLabel('Cảnh báo “sắp đến hạn” khi còn (ngày làm việc)').fill('2');
    await admin.getByRole('radio', { name: 'Tạm dừng, tính tiếp phần còn lại' }).check();
    await admin.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await admin.getByText('Đã lưu quy tắc.').waitFor();
    await shot(admin, 'admin-rules');
    await accessible(admin, 'rules settings');
    const rules = await api('admin', 'GET', '/api/settings/three-khong');
    expect(rules.deadline.dueSoonWorkingDays).toBe(2);
    expect(rules.supplement.clockRule).toBe('pause');
    expect(kit.cspViolations).toEqual([]);
  });
});
