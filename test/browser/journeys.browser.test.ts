/**
 * Issue 5's journeys in a real browser (Debian's chromium driven by playwright-core): kiosk → counter → board
 * → … → thanks and rating; an online submission through issue 4's supplement request to acceptance.
 * The pages run under the product's Content-Security-Policy: any violation or page error fails the journey.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { SmsGatewayChannel } from '../../src/server/modules/notifications/channels.ts';
import { openTestDb } from '../databases.ts';
import { act, receive } from '../fixtures.ts';
import { startGateway } from '../notify-servers.ts';
import { PDF, PNG } from '../sample-files.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`Chromium is required under CI=true (looked for ${CHROMIUM}; apt-get install -y chromium fonts-noto-core)`);
  console.warn(`\n\n!!! BROWSER JOURNEYS SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-noto-core) !!!\n\n`);
}
// The committed screenshots are refreshed on demand (UPDATE_SCREENSHOTS=1), so that a test run leaves the tree clean.
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : join(tmpdir(), 'motcua-screenshots');

describe.skipIf(!hasChromium)('browser journeys (real Chromium)', () => {
  let db: Db;
  let t: TestApp;
  let sms: Awaited<ReturnType<typeof startGateway>>;
  let browser: Browser;
  let base = '';
  let dir = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await openTestDb('sqlite');
    sms = await startGateway();
    dir = mkdtempSync(join(tmpdir(), 'motcua-e2e-'));
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z', {
      citizen: { publicBaseUrl: 'http://127.0.0.1', channels: { sms: new SmsGatewayChannel({ url: `${sms.url}/sms`, token: null }) }, uploads: { dir, maxFileBytes: 1 << 20, maxFiles: 10 } },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await sms?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Script errors and Content-Security-Policy violations of every page opened; each journey ends asserting none. */
  const problems: string[] = [];
  async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
    const ctx = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await ctx.newPage();
    page.on('pageerror', (err) => problems.push(`${path}: ${err.message}`));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(`${path}: ${m.text()}`);
    });
    await page.goto(`${base}${path}`);
    return page;
  }
  const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

  it('kiosk ticket → counter calls it → display shows it → dossier received → … → returned → thank-you and rating', async () => {
    const board = await open('/man-hinh', { width: 1280, height: 720 });
    await board.click('#sound');
    const kiosk = await open('/kiosk', { width: 1080, height: 800 });
    await shot(kiosk, 'kiosk');
    await kiosk.click('[data-area="A"]');
    await expect.poll(() => kiosk.textContent('#number')).toBe('A001');
    expect(await kiosk.textContent('#ticket')).toContain('xin chào ông/bà');
    await shot(kiosk, 'kiosk-phieu');
    await kiosk.emulateMedia({ media: 'print' });
    await kiosk.setViewportSize({ width: 302, height: 600 }); // 80 mm receipt paper at 96 dpi
    await shot(kiosk, 'kiosk-phieu-in-80mm');

    const counter = await open('/quay', { width: 1280, height: 860 });
    await counter.fill('#u', 'tiepnhan1');
    await counter.fill('#p', 'DongThanh@2026');
    await counter.click('#login-form button[type=submit]');
    await counter.waitForSelector('#desk:not([hidden])');
    await counter.selectOption('#counter', '1');
    await counter.click('#open');
    await expect.poll(() => counter.isEnabled('#call')).toBe(true);
    await counter.click('#call');
    await expect.poll(() => counter.textContent('#current')).toBe('A001');
    await expect.poll(() => board.textContent('#now-number')).toBe('A001');
    expect(await board.textContent('#now-counter')).toContain('Quầy số 1');
    expect(await board.textContent('#now-officer-name')).toBe('Nguyễn Thị Thanh Hương');
    expect(await board.textContent('#voice')).toContain('Xin mời công dân có số');
    await board.waitForTimeout(3200); // the flash that draws the eye lasts 3 s
    await shot(board, 'man-hinh');
    await counter.click('#serve');
    await expect.poll(() => counter.textContent('#status')).toBe('Đang phục vụ');

    // The dossier is received at this counter (the staff console does it through the API).
    const reception = await t.login('tiepnhan1');
    const res = await receive(t.app, reception, '1.001022');
    expect(res.statusCode, res.body).toBe(201);
    const code: string = res.json().code;
    await counter.fill('#dossier', code);
    await counter.click('#link');
    await expect.poll(() => counter.textContent('#info')).toContain(code);
    await shot(counter, 'quay');
    await counter.click('#finish');
    await counter.waitForSelector('#thanks:not([hidden])');
    expect(await counter.textContent('#thanks-text')).toContain('cảm ơn');
    await shot(counter, 'quay-cam-on');
    await counter.click('#thanks-close');

    // … handled by the ward …
    const head = await t.login('chanhvanphong');
    const users = (await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: head } })).json().items as { id: number; username: string }[];
    for (const [who, action, body] of [
      [reception, 'assign', {}],
      [head, 'start_processing', { handlerId: users.find((u) => u.username === 'hotich1')!.id }],
      [await t.login('hotich1'), 'submit_for_approval', {}],
      [await t.login('chutich'), 'approve', {}],
      [await t.login('hotich1'), 'issue_result', {}],
    ] as const) {
      const r = await act(t.app, who, code, action, body);
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    }

    // The citizen comes back for the result: a new ticket, called, served, the result returned, then thanks.
    await kiosk.emulateMedia({ media: 'screen' });
    await kiosk.setViewportSize({ width: 1080, height: 800 });
    await kiosk.click('#back');
    await kiosk.click('[data-area="A"]');
    await expect.poll(() => kiosk.textContent('#number')).toBe('A002');
    await expect.poll(() => counter.isEnabled('#call')).toBe(true);
    await counter.click('#call');
    await expect.poll(() => board.textContent('#now-number')).toBe('A002');
    await counter.click('#serve');
    await counter.fill('#dossier', code);
    await counter.click('#link');
    await expect.poll(() => counter.textContent('#info')).toContain(code);
    expect((await act(t.app, reception, code, 'return_result')).statusCode).toBe(200);
    await counter.click('#finish');
    await counter.waitForSelector('#thanks:not([hidden])');
    const ratingPath = await counter.getAttribute('#rate-here', 'href');
    expect(ratingPath).toMatch(/^\/danh-gia\//);

    const rating = await open(ratingPath!, { width: 390, height: 844 });
    expect(await rating.textContent('#form')).toContain(code);
    await rating.click('[data-score="3"]');
    await rating.waitForSelector('#reasons:not([hidden])');
    await rating.check('input[name=reason][value=trips]');
    await rating.selectOption('#trips', '2');
    await rating.selectOption('#extra', 'no');
    await rating.fill('#comment', 'Cán bộ nhiệt tình, nhưng tôi phải đến hai lần.');
    await shot(rating, 'danh-gia');
    await rating.click('#send');
    await rating.waitForSelector('#thanks:not([hidden])');
    await shot(rating, 'danh-gia-cam-on');
    const stored = await db.kysely.selectFrom('rating').innerJoin('dossier', 'dossier.id', 'rating.dossier_id').select(['rating.score', 'rating.ticket_id', 'rating.officer_id']).where('dossier.code', '=', code).executeTakeFirstOrThrow();
    expect(stored.score).toBe(3);
    expect(stored.ticket_id).not.toBeNull();
    const stats = (await t.app.inject({ method: 'GET', url: '/api/queue/stats', headers: { cookie: await t.login('kiemsoat') } })).json();
    expect(stats.overall.served).toBe(2);
    expect(problems).toEqual([]);
  }, 180_000);

  it('an online submission through a supplement request to acceptance', async () => {
    const phone = await open('/nop-ho-so', { width: 390, height: 844 });
    await phone.fill('#q', 'khai sinh');
    await phone.click('.proc[data-code="1.001193"]');
    await phone.waitForSelector('#s2.active');
    await phone.fill('#fullName', 'Trần Thị Bình');
    await phone.fill('#idNumber', '038190004321');
    await phone.fill('#phone', '0987 654 321');
    await phone.fill('#address', 'Số 5, ngõ 12, phường Đông Thanh');
    await phone.fill('#request', 'Đăng ký khai sinh cho con gái sinh ngày 20/11/2026.');
    const inputs = await phone.$$('#comps input[type=file]');
    for (const [i, input] of inputs.entries()) await input.setInputFiles({ name: `giay-to-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await phone.check('#consent');
    await shot(phone, 'nop-ho-so');
    await phone.click('#submit');
    await phone.waitForSelector('#s3.active');
    expect(await phone.textContent('#sent')).toContain('******4321');
    const otp = /là (\d{6})\./.exec(String(sms.requests.at(-1)!.body.text))![1]!;
    await phone.fill('#otp', otp);
    await shot(phone, 'nop-ho-so-xac-nhan');
    await phone.click('#confirm');
    await phone.waitForSelector('#s4.active');
    const code = (await phone.textContent('#tracking'))!.trim();
    expect(code).toMatch(/^000\.00\.34\.H40-261201-\d{4}$/);
    await shot(phone, 'nop-ho-so-xong');

    const reception = await t.login('tiepnhan1');
    const comps = (await t.app.inject({ method: 'GET', url: `/api/dossiers/${code}/uploads`, headers: { cookie: reception } })).json().items as { componentId: number }[];
    // Issue 4's action is the one supplement request (form 02), its items chosen from the procedure's components.
    const r = await act(t.app, reception, code, 'request_supplement', {
      reason: 'Bản chụp giấy chứng sinh bị mờ, xin chụp lại rõ nét.',
      items: [{ componentId: comps[0]!.componentId, note: 'chụp lại rõ nét' }],
    });
    expect(r.statusCode, r.body).toBe(200);

    // The server-rendered lookup (no script) shows the request and links to the upload page.
    const lookup = await open(`/tra-cuu?ma=${encodeURIComponent(code)}&sdt=4321`, { width: 390, height: 844 });
    expect(await lookup.textContent('[data-testid="bo-sung"]')).toContain('chụp lại rõ nét');
    await shot(lookup, 'tra-cuu-can-bo-sung', true);
    await lookup.click('[data-testid="nop-bo-sung"]');
    await lookup.waitForURL(/\/nop-ho-so\/bo-sung\?ma=/);
    expect(await lookup.inputValue('#code')).toBe(code);
    await lookup.fill('#last4', '4321');
    await lookup.click('#find button[type=submit]');
    await lookup.waitForSelector('#supp:not([hidden])');
    expect(await lookup.textContent('#result')).toContain('Bản chụp giấy chứng sinh bị mờ');
    await lookup.setInputFiles('#supp-items input[type=file]', { name: 'giay-chung-sinh.png', mimeType: 'image/png', buffer: PNG });
    await shot(lookup, 'nop-bo-sung');
    await lookup.click('#supp-send');
    await expect.poll(() => lookup.textContent('#supp-ok')).toContain('Đã nhận giấy tờ bổ sung');

    expect((await act(t.app, reception, code, 'receive_supplement')).statusCode).toBe(200);
    const accepted = await act(t.app, reception, code, 'receive');
    expect(accepted.statusCode, accepted.body).toBe(200);
    await lookup.goto(`${base}/tra-cuu?ma=${encodeURIComponent(code)}&sdt=4321`);
    expect(await lookup.textContent('[data-testid="trang-thai"]')).toBe('Đã tiếp nhận');
    await shot(lookup, 'tra-cuu-da-tiep-nhan', true);
    expect(problems).toEqual([]);
  }, 180_000);
});
