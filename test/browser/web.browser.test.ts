/**
 * The product in a real browser (Debian's chromium driven by playwright-core): the staff console and the
 * citizen pages served by the real server on a random port, over a private SQLite database.
 * One Chromium for the whole file; one context per person, pages reused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { totpCode, TOTP_STEP_SECONDS } from '../../src/server/modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-ward.ts';
import { openTestDb } from '../databases.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = process.env.CI === 'true' || process.env.CI === '1';
const missing = !existsSync(CHROMIUM);
if (missing) {
  if (CI) throw new Error(`Chromium is missing at ${CHROMIUM}; CI=true: failing instead of skipping (apt-get install -y chromium fonts-noto-core).`);
  console.warn(
    `\n${'!'.repeat(100)}\n!! Chromium not found at ${CHROMIUM}: the BROWSER TESTS ARE SKIPPED.\n!! Install it: apt-get install -y chromium fonts-noto-core\n${'!'.repeat(100)}\n`,
  );
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PROCEDURE = '1.001022'; // Đăng ký nhận cha, mẹ, con: 3 working days.
/** Leaders and admins must enrol a second factor (docs/security.md, TOTP). */
const MFA_ACCOUNTS = new Set(['chutich', 'phochutich', 'admin']);
const TOTP_LABEL = 'Mã xác thực (6 chữ số)';

describe.skipIf(missing)('web: staff console and citizen pages in Chromium', { timeout: 120_000 }, () => {
  let db: Db;
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages = new Map<string, Page>();
  let code = '';

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], { stdio: 'inherit' });
    mkdirSync(SHOTS, { recursive: true });
    db = await openTestDb('sqlite');
    // 09:00 Tuesday 01/12/2026, Vietnam time.
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await db?.close();
  });

  /** Every report of a Content Security Policy violation in the console's pages (there must be none). */
  const cspViolations: string[] = [];
  function watchCsp(page: Page): void {
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
    });
  }

  /** TOTP secrets read from the enrolment page, and the next time step to use for each account. */
  const secrets = new Map<string, string>();
  const nextStep = new Map<string, number>();
  /**
   * A code for the server's clock (a ManualClock fixed at 09:00 01/12/2026, not the machine's time).
   * Each code is accepted once and ±1 step around the clock: enrolment uses the step before, logins the next ones.
   */
  function nextCode(username: string): string {
    const offset = nextStep.get(username) ?? -1;
    nextStep.set(username, offset + 1);
    return totpCode(secrets.get(username)!, new Date(t.clock.now().getTime() + offset * TOTP_STEP_SECONDS * 1000));
  }

  /** Signs in through the login form; leaders and admins enrol a factor through the UI at their first login. */
  async function signIn(page: Page, username: string, check?: (page: Page, step: 'enrol' | 'code') => Promise<void>): Promise<void> {
    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username).catch(async (e) => {
      await page.screenshot({ path: join(SHOTS, 'failure-login.png') });
      throw e;
    });
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    if (MFA_ACCOUNTS.has(username) && !secrets.has(username)) {
      await page.getByRole('heading', { name: 'Bật xác thực hai lớp' }).waitFor();
      const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.getByTestId('totp-uri').getAttribute('href')).toContain(`secret=${secret}`);
      secrets.set(username, secret);
      await check?.(page, 'enrol');
      await page.getByLabel(TOTP_LABEL).fill(nextCode(username));
      await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    } else if (secrets.has(username)) {
      await page.getByLabel(TOTP_LABEL).waitFor();
      await check?.(page, 'code');
      await page.getByLabel(TOTP_LABEL).fill(nextCode(username));
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
    }
    await page.getByRole('navigation', { name: 'Chức năng' }).waitFor();
  }

  /** A signed-in page for a demo account (signing in through the login form), reused across tests. */
  async function staff(username: string): Promise<Page> {
    const known = pages.get(username);
    if (known) return known;
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 800 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    watchCsp(page);
    await signIn(page, username);
    pages.set(username, page);
    return page;
  }

  async function citizen(): Promise<Page> {
    const known = pages.get('citizen');
    if (known) return known;
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    pages.set('citizen', page);
    return page;
  }

  /** axe-core in the page: zero serious or critical violations. */
  async function accessible(page: Page, name: string): Promise<void> {
    // Citizen pages run with JavaScript off; axe runs in a JS-enabled twin of the same URL.
    let target = page;
    let twin: BrowserContext | undefined;
    if (name.startsWith('citizen')) {
      // The pages' CSP forbids every script, axe included: the twin bypasses it.
      twin = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 }, bypassCSP: true });
      target = await twin.newPage();
      await target.goto(page.url());
    }
    // Evaluated through the DevTools protocol, which the console's CSP (no inline script) does not govern;
    // addScriptTag would insert an inline <script> that the CSP rightly blocks.
    // antd animates messages in and out (classes ending in -enter/-appear/-leave, half-transparent while they
    // run): let them settle first, or axe measures the contrast of a fading element.
    await target
      .waitForFunction(() => !document.querySelector('[class*="-leave"], [class*="-enter"], [class*="-appear"]'), null, { timeout: 5_000 })
      .catch(() => {});
    await target.evaluate(AXE);
    const violations = await target.evaluate(async () => {
      const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
        .map((v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
    });
    await twin?.close();
    expect(violations, `axe on ${name}`).toEqual([]);
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }

  async function lookup(expected: string): Promise<Page> {
    const page = await citizen();
    await page.goto(`${base}/tra-cuu`);
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByLabel('4 số cuối số điện thoại').fill('5678');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByTestId('trang-thai').textContent()).toBe(expected);
    return page;
  }

  async function act(username: string, label: string): Promise<Page> {
    const page = await staff(username);
    await page.goto(`${base}/app/ho-so/${code}`);
    await page.getByRole('button', { name: label }).click().catch(async (e) => {
      await page.screenshot({ path: join(SHOTS, 'failure-act.png') });
      throw e;
    });
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

    const reception = await act('tiepnhan1', 'Chuyển phòng chuyên môn');
    await shot(reception, 'dossier-page');
    await accessible(reception, 'dossier page');
    await lookup('Đã chuyển phòng chuyên môn');

    const specialist = await staff('hotich1');
    await specialist.goto(`${base}/app/ho-so`);
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
    const reception = await t.login('tiepnhan1');
    const p = (await t.app.inject({ method: 'GET', url: `/api/procedures/${PROCEDURE}` })).json();
    const created = await t.app.inject({
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
    await monitor.goto(`${base}/app/ho-so/${other}`);
    await monitor.getByTestId('no-actions').waitFor();
    expect(await monitor.getByRole('button', { name: 'Chuyển phòng chuyên môn' }).count()).toBe(0);
    // With the session's anti-CSRF token, like the console sends it: refused for the role, not for CSRF.
    const csrf = (await monitor.context().cookies()).find((c) => c.name === 'motcua_csrf')!.value;
    const res = await monitor.request.post(`${base}/api/dossiers/${other}/actions/assign`, { data: {}, headers: { 'x-csrf-token': csrf } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe('FORBIDDEN');
    // The console's own pages for other roles answer "no permission" too.
    await monitor.goto(`${base}/app/tiep-nhan`);
    await monitor.getByText('Không có quyền').waitFor();
  });

  it('an admin adds a holiday and the live appointment on the reception desk moves accordingly', async () => {
    const desk = await staff('tiepnhan1');
    await desk.goto(`${base}/app/tiep-nhan`);
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
    const audit = await db.kysely.selectFrom('audit_log').select('entity_id').where('entity', '=', 'calendar_day').execute();
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
    const p = (await t.app.inject({ method: 'GET', url: `/api/procedures/${PROCEDURE}` })).json();
    expect(p.fees.map((f: any) => f.name)).toContain('Lệ phí đăng ký');
    await shot(admin, 'admin-catalog');
    await accessible(admin, 'catalog editor');
    await admin.getByRole('link', { name: 'Cán bộ, vai trò' }).click();
    await admin.getByRole('cell', { name: 'tiepnhan1', exact: true }).waitFor();
    await shot(admin, 'admin-users');
    await accessible(admin, 'users');
  });

  it('a leader enrols a second factor at first login, then signs in with the code; the console runs under the CSP', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 800 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    watchCsp(page);
    const res = await page.goto(`${base}/app/dang-nhap`);
    const csp = res!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // A revalidated console page (304, no content type) keeps the page policy: browsers merge 304 headers into the cache.
    // (inject: fetch() would add Cache-Control: no-cache to a conditional request and always get a 200)
    const served = await t.rawInject({ method: 'GET', url: '/app/ho-so' });
    const revalidated = await t.rawInject({
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
      const blocked = await p.request.get(`${base}/api/dossiers`);
      expect((await blocked.json()).error.code).toBe('MFA_ENROLLMENT_REQUIRED');
      expect(csrf.length).toBeGreaterThan(20);
      await shot(p, 'mfa-enrol');
      await accessible(p, 'TOTP enrolment');
      // A wrong first code is refused and the page says so.
      await p.getByLabel(TOTP_LABEL).fill('12345x');
      await p.getByRole('button', { name: 'Xác nhận và bật' }).click();
      await p.getByText('Nhập đủ 6 chữ số của mã xác thực').waitFor();
    });
    const row = await db.kysely.selectFrom('staff_user').select(['totp_secret']).where('username', '=', 'phochutich').executeTakeFirstOrThrow();
    expect(row.totp_secret).toBe(secrets.get('phochutich'));

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').waitFor();
    await signIn(page, 'phochutich', async (p, step) => {
      expect(step).toBe('code');
      await p.getByText('Tài khoản đã bật xác thực hai lớp', { exact: false }).waitFor();
      await shot(p, 'mfa-login');
      await accessible(p, 'login with TOTP code');
      const right = totpCode(secrets.get('phochutich')!, t.clock.now());
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
      await page.goto(`${base}${path}`, { waitUntil: 'load' });
      page.off('response', onResponse);
      html = gzipSync(Buffer.from(await (await fetch(`${base}${path}`)).arrayBuffer())).length;
      weights[name] = { html, js, requests };
      expect(js).toBeLessThanOrEqual(50 * 1024);
      expect(await page.locator('script').count()).toBe(0);
    }
    writeFileSync(join(SHOTS, 'page-weights.json'), `${JSON.stringify(weights, null, 2)}\n`);
    console.log('citizen page weights (gzip bytes):', JSON.stringify(weights));
    await page.goto(`${base}/thu-tuc/${PROCEDURE}`);
    // Live with the ward calendar: the admin's holiday on 03/12 pushes the result to Monday 07/12.
    expect(await page.getByTestId('hen-tra').textContent()).toContain('Nộp hôm nay, nhận kết quả 09:00 thứ Hai, 07/12/2026');
    await page.screenshot({ path: join(SHOTS, 'citizen-procedure.png'), fullPage: false });
    await accessible(page, 'citizen procedure guide');
    await page.goto(`${base}/thu-tuc?q=khai%20sinh`);
    expect(await page.getByRole('link', { name: /khai sinh/i }).count()).toBeGreaterThan(0);
    await shot(page, 'citizen-catalog');
    await accessible(page, 'citizen catalog');
    await page.goto(`${base}/tra-cuu?ma=${encodeURIComponent(code)}&sdt=0000`);
    expect(await page.getByRole('alert').textContent()).toContain('Không tìm thấy hồ sơ');
  });
  it('an idle session ends: the console returns to the sign-in page and says why', async () => {
    const page = await staff('kiemsoat');
    // The session went unused longer than the idle limit (the test app allows 7 days): age its last use.
    const user = await db.kysely.selectFrom('staff_user').select('id').where('username', '=', 'kiemsoat').executeTakeFirstOrThrow();
    const session = await db.kysely.selectFrom('user_session').select('id').where('user_id', '=', user.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const aged = new Date(t.clock.now().getTime() - 8 * 24 * 3600_000).toISOString();
    await db.kysely.updateTable('user_session').set({ last_seen_at: aged, created_at: aged }).where('id', '=', session.id).execute();
    await page.reload();
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(page.url()).toContain('/app/dang-nhap');
    expect(await page.getByRole('alert').first().textContent()).toContain('Phiên làm việc đã hết hạn');
    pages.delete('kiemsoat');
  });
});
