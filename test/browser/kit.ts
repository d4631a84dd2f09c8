/**
 * Browser test kit: what every browser journey needs (Debian's chromium driven by playwright-core, the staff
 * console built and served by the real server on a random port over a private SQLite database, one context
 * per person, sign-in through the login form including TOTP enrolment against the test app's ManualClock,
 * axe-core, a CSP watch and screenshots).
 *
 * Use inside a `describe.skipIf(CHROMIUM_MISSING)(…)`: `const kit = useBrowserKit();` registers the
 * beforeAll/afterAll hooks; the kit's fields are ready inside the tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { totpCode, TOTP_STEP_SECONDS } from '../../src/server/modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-ward.ts';
import { openTestDb } from '../databases.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = join(ROOT, 'docs/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = process.env.CI === 'true' || process.env.CI === '1';
export const CHROMIUM_MISSING = !existsSync(CHROMIUM);
if (CHROMIUM_MISSING) {
  if (CI) throw new Error(`Chromium is missing at ${CHROMIUM}; CI=true: failing instead of skipping (apt-get install -y chromium fonts-noto-core).`);
  console.warn(
    `\n${'!'.repeat(100)}\n!! Chromium not found at ${CHROMIUM}: the BROWSER TESTS ARE SKIPPED.\n!! Install it: apt-get install -y chromium fonts-noto-core\n${'!'.repeat(100)}\n`,
  );
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Leaders and admins must enrol a second factor (docs/security.md, TOTP). */
export const MFA_ACCOUNTS = new Set(['chutich', 'phochutich', 'admin']);
export const TOTP_LABEL = 'Mã xác thực (6 chữ số)';
/** 09:00 Tuesday 01/12/2026, Vietnam time. */
export const DEFAULT_START = '2026-12-01T02:00:00.000Z';

/**
 * Builds web/dist when stale. Browser test files run in parallel workers: a directory lock keeps two
 * vite builds from writing web/dist at the same time (the second waits, then finds the build fresh).
 */
export function buildWeb(): void {
  const lock = join(ROOT, 'web/.build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after 3 minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`web build lock ${lock} held too long`);
      execFileSync('sleep', ['1']);
    }
  }
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], { stdio: 'inherit' });
  } finally {
    rmdirSync(lock);
  }
}

export interface BrowserKit {
  readonly db: Db;
  readonly t: TestApp;
  /** http://127.0.0.1:port */
  readonly base: string;
  readonly browser: Browser;
  /** Every Content Security Policy report in the watched pages (there must be none). */
  readonly cspViolations: string[];
  /** TOTP secrets read from the enrolment page. */
  readonly secrets: Map<string, string>;
  watchCsp(page: Page): void;
  /** The next unused TOTP code for the server's (manual) clock. */
  nextCode(username: string): string;
  /** Signs in through the login form; leaders and admins enrol a factor through the UI at first login. */
  signIn(page: Page, username: string, check?: (page: Page, step: 'enrol' | 'code') => Promise<void>): Promise<void>;
  /** A fresh desktop context (vi-VN, Asia/Ho_Chi_Minh), closed with the kit. */
  newStaffContext(): Promise<BrowserContext>;
  /** A signed-in page for a demo account, reused across tests. */
  staff(username: string): Promise<Page>;
  /** Forgets a staff member's page (its session ended), so that the next `staff()` signs in again. */
  forget(username: string): void;
  /** The citizen's phone-sized page with JavaScript off, reused across tests. */
  citizen(): Promise<Page>;
  /** axe-core in the page: zero serious or critical violations. Names starting with "citizen" run in a JS twin. */
  accessible(page: Page, name: string): Promise<void>;
  /** Screenshot to docs/screenshots/{name}.png (console pages settle first; names starting with "citizen" do not). */
  shot(page: Page, name: string): Promise<void>;
}

/**
 * antd animates messages in and out (classes ending in -enter/-appear/-leave, half-transparent while they run),
 * and tables blur their rows while loading (.ant-spin-spinning): let them settle before axe measures contrast
 * or a screenshot is taken.
 */
async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(() => !document.querySelector('[class*="-leave"], [class*="-enter"], [class*="-appear"], .ant-spin-spinning'), null, { timeout: 5_000 })
    .catch(() => {});
}

/** Registers the hooks that start Chromium and the app; call once at the top of a describe. */
export function useBrowserKit(options: { start?: string } = {}): BrowserKit {
  let db: Db;
  let t: TestApp;
  let base = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages = new Map<string, Page>();
  const cspViolations: string[] = [];
  const secrets = new Map<string, string>();
  const nextStep = new Map<string, number>();

  beforeAll(async () => {
    buildWeb();
    mkdirSync(SHOTS, { recursive: true });
    db = await openTestDb('sqlite');
    t = await buildTestApp(db, options.start ?? DEFAULT_START);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.app.close();
    await db?.close();
  });

  function watchCsp(page: Page): void {
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
    });
  }

  /**
   * A code for the server's clock (a ManualClock, not the machine's time). Each code is accepted once and
   * ±1 step around the clock: enrolment uses the step before, logins the next ones.
   */
  function nextCode(username: string): string {
    const offset = nextStep.get(username) ?? -1;
    nextStep.set(username, offset + 1);
    return totpCode(secrets.get(username)!, new Date(t.clock.now().getTime() + offset * TOTP_STEP_SECONDS * 1000));
  }

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

  async function newStaffContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 800 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return context;
  }

  async function staff(username: string): Promise<Page> {
    const known = pages.get(username);
    if (known) return known;
    const page = await (await newStaffContext()).newPage();
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
    await settle(target);
    // Evaluated through the DevTools protocol, which the console's CSP (no inline script) does not govern;
    // addScriptTag would insert an inline <script> that the CSP rightly blocks.
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
    // Citizen pages run with JavaScript off: nothing animates, and nothing could be evaluated in them.
    if (!name.startsWith('citizen')) await settle(page);
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }

  return {
    get db() {
      return db;
    },
    get t() {
      return t;
    },
    get base() {
      return base;
    },
    get browser() {
      return browser;
    },
    cspViolations,
    secrets,
    watchCsp,
    nextCode,
    signIn,
    newStaffContext,
    staff,
    forget: (username: string) => void pages.delete(username),
    citizen,
    accessible,
    shot,
  };
}
