/**
 * The product in a real browser (Debian's chromium driven by playwright-core): the staff console and the
 * citizen pages served by the real server on a random port, over a private SQLite database.
 * One Chromium for the whole file; one context per person, pages reused.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../src/server/modules/auth/totp.ts';
import { CHROMIUM_MISSING, SHOTS, TOTP_LABEL, useBrowserKit } from './kit.ts';
import { TEST_SECRETS } from '../test-app.ts';

const PROCEDURE = '1.001022'; // Đăng ký nhận cha, mẹ, con: 3 working days.

describe.skipIf(CHROMIUM_MISSING)('web: staff console and citizen pages in Chromium', { timeout: 120_000 }, () => {
  const kit = useBrowserKit();
  const { staff, citizen, accessible, shot, signIn, watchCsp, secrets, cspViolations } = kit;
  let code = '';

  async function lookup(expected: string): Promise<Page> {
    const page = await citizen();
    await page.goto(`${kit.base}/tra-cuu`);
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByLabel('4 số cuối số điện thoại').fill('5678');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByTestId('trang-thai').textContent()).toBe(expected);
    return page;
  }

  /** Clicks an action button on the dossier page; `confirm` when the action opens a dialog (accepted as filled in). */
  async function act(username: string, label: string, confirm?: (dialog: Locator) => Promise<void>): Promise<Page> {
    const page = await staff(username);
    await page.goto(`${kit.base}/app/ho-so/${code}`);
    await page.getByRole('button', { name: label }).click().catch(async (e) => {
      await page.screenshot({ path: join(SHOTS, 'failure-act.png') });
      throw e;
    });
    if (confirm) {
      const dialog = page.getByRole('dialog');
      await confirm(dialog);
      await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    }
    await page.getByRole('button', { name: label }).waitFor({ state: 'detached' });
    return page;
  }

  it('reception receives a dossier at the desk: search without diacritics, tick components, live appointment, save, print', async () => {
    const page = await staff('tiepnhan1');
    await shot(page, 'staff-home');
    await accessible(page, 'home');
    await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByLabel('Tìm thủ tục (gõ không dấu cũng được)').fill('nhan cha me con');
    await page.getByRole('button', { name: /^Thủ tục đăng ký nhận cha, mẹ, con/ }).first().click();
    // 3 working days from 09:00 Tuesday 01/12/2026 → 09:00 Friday 04/12/2026.
    await expect.poll(() => page.getByTestId('live-due-date').textContent()).toBe('09:00 04/12/2026');
    const mandatory = page.getByRole('checkbox');
    const n = await mandatory.count();
    for (let i = 0; i < n; i++) await mandatory.nth(i).check();
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Số định danh cá nhân (CCCD, 12 số)').fill('03809500123');
    await page.getByLabel('Số điện thoại').fill('0912 345');
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy hẹn' }).click();
    await page.getByText('Số định danh gồm đúng 12 chữ số').waitFor();
    await page.getByText('Số điện thoại Việt Nam không hợp lệ', { exact: false }).waitFor();
    await page.getByLabel('Số định danh cá nhân (CCCD, 12 số)').fill('038095001234');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByLabel('Địa chỉ').fill('Số 12, đường Lê Lợi, phường Đông Thanh');
    await shot(page, 'reception-desk');
    await accessible(page, 'reception desk');
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy hẹn' }).click();
    await page.getByTestId('receipt-code').waitFor();
    code = (await page.getByTestId('receipt-code').textContent())!;
    expect(code).toMatch(/^000\.00\.34\.H40-261201-\d{4}$/);
    expect(await page.getByTestId('receipt-due').textContent()).toBe('09:00 04/12/2026');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'receipt-print');
    await page.emulateMedia({ media: 'screen' });
    await accessible(page, 'receipt');
  });

  it('the dossier goes reception → specialist → leader → reception while the citizen follows it on /tra-cuu', async () => {
    const c = await lookup('Đã tiếp nhận');
    await shot(c, 'citizen-lookup');
    await accessible(c, 'citizen lookup');

    // Forwarding asks which division: the procedure's own is preselected (another may be chosen).
    const reception = await act('tiepnhan1', 'Chuyển phòng chuyên môn', async (dialog) => {
      await dialog.getByText('Văn phòng HĐND và UBND phường').waitFor();
    });
    await shot(reception, 'dossier-page');
    await accessible(reception, 'dossier page');
    await lookup('Đã chuyển phòng chuyên môn');

    const specialist = await staff('hotich1');
    await specialist.goto(`${kit.base}/app/ho-so`);
    await specialist.getByRole('link', { name: code }).waitFor();
    await shot(specialist, 'queue');
    await accessible(specialist, 'queue');
    await act('hotich1', 'Phân công / nhận xử lý');
    await lookup('Đang xử lý');
    await act('hotich1', 'Trình lãnh đạo ký');
    await lookup('Chờ lãnh đạo phê duyệt');

    const leader = await staff('chutich');
    await leader.getByRole('link', { name: 'Chờ ký duyệt' }).click();
    await leader.getByRole('link', { name: code }).waitFor();
    await shot(leader, 'leader-inbox');
    await accessible(leader, 'leader inbox');
    await leader.getByRole('link', { name: code }).click();
    await leader.getByRole('button', { name: 'Phê duyệt, ký' }).click();
    await leader.getByText('Đã ký duyệt, đang vào sổ').first().waitFor();
    await lookup('Đã ký duyệt, đang vào sổ');

    await act('hotich1', 'Vào sổ, chuyển kết quả về Một cửa');
    await lookup('Đã có kết quả, chờ trả');
    await act('tiepnhan1', 'Trả kết quả');
    const done = await lookup('Đã trả kết quả');
    expect(await done.getByRole('listitem').filter({ hasText: 'Xong lúc' }).count()).toBeGreaterThanOrEqual(4);
  });

  it('a user without the role sees no action button and gets 403 from the API', async () => {
    // A fresh dossier waiting for the leader's signature; the monitor may read it but not act on it.
    const reception = await kit.t.login('tiepnhan1');
    const p = (await kit.t.app.inject({ method: 'GET', url: `/api/procedures/${PROCEDURE}` })).json();
    const created = await kit.t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { cookie: reception },
      payload: {
        procedureCode: PROCEDURE,
        channel: 'direct',
        applicant: { fullName: 'Trần Thị Bình', idNumber: '038095009999', phone: '0987654321', address: 'Đông Thanh' },
        submittedComponents: p.components.filter((x: any) => x.isMandatory).map((x: any) => x.id),
      },
    });
    const other = created.json().code as string;
    const monitor = await staff('kiemsoat');
    await monitor.goto(`${kit.base}/app/ho-so/${other}`);
    await monitor.getByTestId('no-actions').waitFor();
    expect(await monitor.getByRole('button', { name: 'Chuyển phòng chuyên môn' }).count()).toBe(0);
    // With the session's anti-CSRF token, like the console sends it: refused for the role, not for CSRF.
    const csrf = (await monitor.context().cookies()).find((c) => c.name === 'motcua_csrf')!.value;
    const res = await monitor.request.post(`${kit.base}/api/dossiers/${other}/actions/assign`, { data: {}, headers: { 'x-csrf-token': csrf } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe('FORBIDDEN');
    // The console's own pages for other roles answer "no permission" too.
    await monitor.goto(`${kit.base}/app/tiep-nhan`);
    await monitor.getByText('Không có quyền').waitFor();
  });

  it('an admin adds a holiday and the live appointment on the reception desk moves accordingly', async () => {
    const desk = await staff('tiepnhan1');
    await desk.goto(`${kit.base}/app/tiep-nhan`);
    await desk.getByLabel('Tìm thủ tục (gõ không dấu cũng được)').fill('nhan cha me con');
    await desk.getByRole('button', { name: /^Thủ tục đăng ký nhận cha, mẹ, con/ }).first().click();
    await expect.poll(() => desk.getByTestId('live-due-date').textContent()).toBe('09:00 04/12/2026');

    const admin = await staff('admin');
    await admin.getByRole('link', { name: 'Lịch làm việc' }).click();
    await admin.getByLabel('Năm', { exact: true }).fill('2026');
    await admin.getByLabel('Năm', { exact: true }).press('Enter');
    await admin.locator('[data-date="2026-12-03"]').click();
    await admin.getByLabel('Lý do').fill('Nghỉ bù theo thông báo của UBND tỉnh');
    await admin.getByLabel('Căn cứ (văn bản)').fill('Thông báo số 99/TB-UBND (thử nghiệm)');
    await admin.getByRole('button', { name: 'Lưu' }).click();
    await admin.getByText('03/12/2026: nghỉ — Nghỉ bù theo thông báo của UBND tỉnh').waitFor();
    await shot(admin, 'admin-calendar');
    await accessible(admin, 'calendar editor');

    // The officer comes back to the desk tab: the appointment skips Thursday 03/12 and the weekend.
    await desk.bringToFront();
    // TanStack Query refetches on the window's visibilitychange: what a real tab switch fires.
    await desk.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(() => desk.getByTestId('live-due-date').textContent(), { timeout: 10_000 }).toBe('09:00 07/12/2026');
    const audit = await kit.db.kysely.selectFrom('audit_log').select('entity_id').where('entity', '=', 'calendar_day').execute();
    expect(audit.map((a) => a.entity_id)).toContain('2026-12-03');
  });

  it('admin screens: procedure catalog editor and users and roles are usable and accessible', async () => {
    const admin = await staff('admin');
    await admin.getByRole('link', { name: 'Danh mục thủ tục' }).click();
    await admin.getByLabel('Tìm thủ tục').fill('nhan cha me con');
    await admin.getByRole('button', { name: /^Thủ tục đăng ký nhận cha, mẹ, con/ }).first().click();
    await admin.getByLabel('Tên thủ tục').waitFor();
    await admin.getByRole('button', { name: 'Thêm khoản phí' }).click();
    await admin.getByLabel('Khoản 1').fill('Lệ phí đăng ký');
    await admin.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await admin.getByText('Đã lưu thủ tục', { exact: false }).waitFor().catch(async (e) => {
      await admin.screenshot({ path: join(SHOTS, 'failure-catalog.png') });
      throw e;
    });
    const p = (await kit.t.app.inject({ method: 'GET', url: `/api/procedures/${PROCEDURE}` })).json();
    expect(p.fees.map((f: any) => f.name)).toContain('Lệ phí đăng ký');
    await shot(admin, 'admin-catalog');
    await accessible(admin, 'catalog editor');
    await admin.getByRole('link', { name: 'Cán bộ, vai trò' }).click();
    await admin.getByRole('cell', { name: 'tiepnhan1', exact: true }).waitFor();
    await shot(admin, 'admin-users');
    await accessible(admin, 'users');
  });

  it('a leader enrols a second factor at first login, then signs in with the code; the console runs under the CSP', async () => {
    const context = await kit.newStaffContext();
    const page = await context.newPage();
    watchCsp(page);
    const res = await page.goto(`${kit.base}/app/dang-nhap`);
    const csp = res!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // A revalidated console page (304, no content type) keeps the page policy: browsers merge 304 headers into the cache.
    // (inject: fetch() would add Cache-Control: no-cache to a conditional request and always get a 200)
    const served = await kit.t.rawInject({ method: 'GET', url: '/app/ho-so' });
    const revalidated = await kit.t.rawInject({
      method: 'GET',
      url: '/app/ho-so',
      headers: { 'if-none-match': String(served.headers.etag), 'if-modified-since': String(served.headers['last-modified']) },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers['content-security-policy']).toBe(csp);
    await signIn(page, 'phochutich', async (p, step) => {
      expect(step).toBe('enrol');
      // Before enrolment the session may do nothing else.
      const csrf = (await context.cookies()).find((c) => c.name === 'motcua_csrf')!.value;
      const blocked = await p.request.get(`${kit.base}/api/dossiers`);
      expect((await blocked.json()).error.code).toBe('MFA_ENROLLMENT_REQUIRED');
      expect(csrf.length).toBeGreaterThan(20);
      await shot(p, 'mfa-enrol');
      await accessible(p, 'TOTP enrolment');
      // A wrong first code is refused and the page says so.
      await p.getByLabel(TOTP_LABEL).fill('12345x');
      await p.getByRole('button', { name: 'Xác nhận và bật' }).click();
      await p.getByText('Nhập đủ 6 chữ số của mã xác thực').waitFor();
    });
    const row = await kit.db.kysely.selectFrom('staff_user').select(['totp_secret']).where('username', '=', 'phochutich').executeTakeFirstOrThrow();
    // Sealed at rest (AES-256-GCM): the column never holds the secret itself, and opens to the enrolled one.
    expect(row.totp_secret).not.toContain(secrets.get('phochutich'));
    expect(TEST_SECRETS.open(row.totp_secret!)).toBe(secrets.get('phochutich'));

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').waitFor();
    await signIn(page, 'phochutich', async (p, step) => {
      expect(step).toBe('code');
      await p.getByText('Tài khoản đã bật xác thực hai lớp', { exact: false }).waitFor();
      await shot(p, 'mfa-login');
      await accessible(p, 'login with TOTP code');
      const right = totpCode(secrets.get('phochutich')!, kit.t.clock.now());
      await p.getByLabel(TOTP_LABEL).fill(String((Number(right) + 500_000) % 1_000_000).padStart(6, '0'));
      await p.getByRole('button', { name: 'Đăng nhập' }).click();
      await p.getByText('Mã xác thực (totp) không đúng', { exact: false }).waitFor();
    });
    await page.getByRole('link', { name: 'Chờ ký duyệt' }).click();
    await page.getByRole('heading').first().waitFor();
    expect(cspViolations).toEqual([]);
  });

  it('citizen procedure guide works with JavaScript off, shows the live appointment, and weighs under 50 KB of JS', async () => {
    const page = await citizen();
    const weights: Record<string, { html: number; js: number; requests: number }> = {};
    for (const [name, path] of [
      ['/', '/'],
      ['/thu-tuc', '/thu-tuc?q=khai+sinh'],
      ['/thu-tuc/{code}', `/thu-tuc/${PROCEDURE}`],
      ['/tra-cuu', `/tra-cuu?ma=${encodeURIComponent(code)}&sdt=5678`],
    ] as const) {
      let js = 0;
      let html = 0;
      let requests = 0;
      const onResponse = async (r: import('playwright-core').Response) => {
        requests++;
        const body = await r.body().catch(() => Buffer.alloc(0));
        const type = r.headers()['content-type'] ?? '';
        if (type.includes('javascript')) js += gzipSync(body).length;
      };
      page.on('response', onResponse);
      await page.goto(`${kit.base}${path}`, { waitUntil: 'load' });
      page.off('response', onResponse);
      html = gzipSync(Buffer.from(await (await fetch(`${kit.base}${path}`)).arrayBuffer())).length;
      weights[name] = { html, js, requests };
      expect(js).toBeLessThanOrEqual(50 * 1024);
      expect(await page.locator('script').count()).toBe(0);
    }
    writeFileSync(join(SHOTS, 'page-weights.json'), `${JSON.stringify(weights, null, 2)}\n`);
    console.log('citizen page weights (gzip bytes):', JSON.stringify(weights));
    await page.goto(`${kit.base}/thu-tuc/${PROCEDURE}`);
    // Live with the ward calendar: the admin's holiday on 03/12 pushes the result to Monday 07/12.
    expect(await page.getByTestId('hen-tra').textContent()).toContain('Nộp hôm nay, nhận kết quả 09:00 thứ Hai, 07/12/2026');
    await page.screenshot({ path: join(SHOTS, 'citizen-procedure.png'), fullPage: false });
    await accessible(page, 'citizen procedure guide');
    await page.goto(`${kit.base}/thu-tuc?q=khai%20sinh`);
    expect(await page.getByRole('link', { name: /khai sinh/i }).count()).toBeGreaterThan(0);
    await shot(page, 'citizen-catalog');
    await accessible(page, 'citizen catalog');
    await page.goto(`${kit.base}/tra-cuu?ma=${encodeURIComponent(code)}&sdt=0000`);
    expect(await page.getByRole('alert').textContent()).toContain('Không tìm thấy hồ sơ');
  });
  it('an idle session ends: the console returns to the sign-in page and says why', async () => {
    const page = await staff('kiemsoat');
    // The session went unused longer than the idle limit (the test app allows 30 days): age its last use.
    const user = await kit.db.kysely.selectFrom('staff_user').select('id').where('username', '=', 'kiemsoat').executeTakeFirstOrThrow();
    const session = await kit.db.kysely.selectFrom('user_session').select('id').where('user_id', '=', user.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const aged = new Date(kit.t.clock.now().getTime() - 31 * 24 * 3600_000).toISOString();
    await kit.db.kysely.updateTable('user_session').set({ last_seen_at: aged, created_at: aged }).where('id', '=', session.id).execute();
    await page.reload();
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(page.url()).toContain('/app/dang-nhap');
    expect(await page.getByRole('alert').first().textContent()).toContain('Phiên làm việc đã hết hạn');
    kit.forget('kiemsoat');
  });
});
