/**
 * Authentication and sessions (ASVS 5.0 V6, V7; docs/security.md): password rules, TOTP, throttling,
 * session rotation and revocation, CSRF defence, cookie flags and security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { isCommonPassword } from '../../src/server/modules/auth/common-passwords.ts';
import { passwordProblem } from '../../src/server/modules/auth/password.ts';
import { hotp, totpCode, verifyTotp, base32Encode } from '../../src/server/modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-ward.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { buildTestApp, TEST_SECRETS, type TestApp } from '../test-app.ts';

const cookieOf = (res: { cookies: { name: string; value: string }[] }, name = 'motcua_session') => {
  const c = res.cookies.find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} cookie`);
  return `${name}=${c.value}`;
};

describe('password rules and TOTP (pure)', () => {
  it('length over composition; common passwords, patterns and the username are refused', () => {
    expect(passwordProblem('ngan')).toMatch(/12 ký tự/);
    expect(passwordProblem('x'.repeat(129))).toMatch(/128/);
    for (const p of ['password1234', 'Password@123', '123456789012', 'qwertyuiop12', 'matkhau@2026', 'aaaaaaaaaaaaaa', 'abcabcabcabc', 'Mật khẩu 123456'.replace(/ /g, '')]) {
      expect(passwordProblem(p), p).not.toBeNull();
    }
    expect(isCommonPassword('nguyenvanan2026', ['nguyenvanan'])).toBe(true);
    // A long passphrase of any composition is fine, with spaces and Vietnamese letters.
    for (const p of ['con mèo trèo cây cau', 'mot-mat-khau-du-dai', 'Đồng hồ chạy chậm 7 phút']) expect(passwordProblem(p), p).toBeNull();
  });

  it('matches the RFC 6238 test vectors (SHA-1, 6 digits) and accepts each code once', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    expect(totpCode(secret, new Date(59_000))).toBe('287082');
    expect(totpCode(secret, new Date(1_111_111_109_000))).toBe('081804');
    expect(totpCode(secret, new Date(1_234_567_890_000))).toBe('005924');
    expect(totpCode(secret, new Date(20_000_000_000_000))).toBe('353130');
    expect(hotp(secret, 0)).toBe('755224'); // RFC 4226 appendix D
    const at = new Date(1_234_567_890_000);
    const step = verifyTotp(secret, '005924', at, null);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, '005924', at, step)).toBeNull(); // replay
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at, null)).not.toBeNull(); // one step of drift
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 90_000)), at, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', at, null)).toBeNull();
  });
});

describeEachDialect('authentication and sessions', (dialect) => {
  let db: Db;
  let t: TestApp;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z', { security: { loginMaxFailuresPerUser: 3, loginMaxFailuresPerIp: 6 } });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });
  const login = (username: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    t.rawInject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD, ...extra }, headers, remoteAddress });

  it('a leader without a second factor may only enrol one; enrolment rotates the session; then TOTP is required', async () => {
    const first = await login('phochutich');
    expect(first.statusCode).toBe(200);
    expect(first.json().mfa).toEqual({ enrolled: false, required: true, enrollmentRequired: true });
    const limited = cookieOf(first);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/dossiers', headers: { cookie: limited } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('MFA_ENROLLMENT_REQUIRED');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: limited } })).statusCode).toBe(200);
    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: limited } });
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/motcua%3Aphochutich\?secret=[A-Z2-7]{32}&/);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: { cookie: limited }, payload: { code: '000000' } });
    expect(wrong.json().error.code).toBe('INVALID_TOTP');
    const enable = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: { cookie: limited }, payload: { code: totpCode(secret, t.clock.now()) } });
    expect(enable.statusCode, enable.body).toBe(200);
    const full = cookieOf(enable);
    expect(full).not.toBe(limited);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: limited } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers', headers: { cookie: full } })).statusCode).toBe(200);

    t.clock.advanceMinutes(1);
    expect((await login('phochutich')).json().error.code).toBe('MFA_REQUIRED');
    expect((await login('phochutich', { totp: '123456' })).json().error.code).toBe('INVALID_TOTP');
    const code = totpCode(secret, t.clock.now());
    const ok = await login('phochutich', { totp: code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mfa).toEqual({ enrolled: true, required: true, enrollmentRequired: false });
    expect((await login('phochutich', { totp: code })).json().error.code).toBe('INVALID_TOTP'); // a code is single-use

    // Lost phone: an admin resets the factor; every session of the account ends.
    const admin = await t.login('admin');
    const id = ok.json().user.id;
    const reset = await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie: admin }, payload: { resetTotp: true } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(ok) } })).statusCode).toBe(401);
    expect((await login('phochutich')).json().mfa.enrollmentRequired).toBe(true);
  });

  it('login rotates the session id and ends the one the browser had; logout and disabling revoke on the server', async () => {
    const a = await login('hotich1');
    const b = await login('hotich1', {}, { cookie: cookieOf(a) });
    expect(cookieOf(a)).not.toBe(cookieOf(b));
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(a) } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(b) } })).statusCode).toBe(200);
    const c = await login('hotich1');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookieOf(b) } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(b) } })).statusCode).toBe(401);
    // Disabling the account ends its other sessions at once.
    const admin = await t.login('admin');
    const id = c.json().user.id;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie: admin }, payload: { isActive: false } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(c) } })).statusCode).toBe(401);
    expect((await login('hotich1')).statusCode).toBe(401);
    await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie: admin }, payload: { isActive: true } });
    // Revoked, not merely suspended: enabling the account again does not bring the old session back.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(c) } })).statusCode).toBe(401);
    expect((await login('hotich1')).statusCode).toBe(200);
  });

  it('throttles failed logins per username and per address, in the database (shared by every process)', async () => {
    const other = await buildTestApp(db, t.clock.now().toISOString(), { security: { loginMaxFailuresPerUser: 3, loginMaxFailuresPerIp: 6 } });
    other.clock.set(t.clock.now());
    const bad = (app: TestApp, username: string, ip: string) =>
      app.rawInject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'sai-mat-khau-roi' }, remoteAddress: ip });
    // Two failures on one process, one on another: the account is now throttled everywhere.
    expect((await bad(t, 'tiepnhan2', '10.0.0.1')).statusCode).toBe(401);
    expect((await bad(t, 'tiepnhan2', '10.0.0.2')).statusCode).toBe(401);
    expect((await bad(other, 'tiepnhan2', '10.0.0.3')).statusCode).toBe(401);
    const locked = await login('tiepnhan2', {}, {}, '10.0.0.4');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // An unknown username behaves exactly alike, so a lock-out does not reveal which accounts exist.
    for (const ip of ['10.0.1.1', '10.0.1.2', '10.0.1.3']) expect((await bad(t, 'khongtontai', ip)).statusCode).toBe(401);
    const lockedUnknown = await bad(t, 'khongtontai', '10.0.1.4');
    expect(lockedUnknown.statusCode).toBe(429);
    expect(lockedUnknown.json().error.message).toBe(locked.json().error.message.replace(/\d+ phút/, lockedUnknown.json().error.message.match(/\d+ phút/)![0]));
    // Per address: many usernames from one address.
    for (const u of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) await bad(t, `${u}x`, '10.9.9.9');
    expect((await login('tiepnhan3', {}, {}, '10.9.9.9')).statusCode).toBe(429);
    expect((await login('tiepnhan3', {}, {}, '10.9.9.8')).statusCode).toBe(200);
    // The window ends.
    t.clock.advanceMinutes(16);
    expect((await login('tiepnhan2', {}, {}, '10.0.0.4')).statusCode).toBe(200);
    await other.app.close();
  });

  it('CSRF: a state change with a session needs its token; cross-site requests are refused, login included', async () => {
    const cookie = await t.login('tiepnhan1');
    const post = (headers: Record<string, string>) =>
      t.rawInject({ method: 'POST', url: '/api/dossiers', headers: { cookie, ...headers }, payload: {} });
    expect((await post({})).json().error.code).toBe('CSRF_REJECTED');
    expect((await post({ 'x-csrf-token': 'gia-mao' })).json().error.code).toBe('CSRF_REJECTED');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const token = me.json().csrfToken as string;
    expect((await post({ 'x-csrf-token': token })).statusCode).toBe(400); // past CSRF, into validation
    expect((await post({ 'x-csrf-token': token, 'sec-fetch-site': 'cross-site' })).json().error.code).toBe('CSRF_REJECTED');
    expect((await post({ 'x-csrf-token': token, origin: 'https://evil.example' })).json().error.code).toBe('CSRF_REJECTED');
    expect((await post({ 'x-csrf-token': token, origin: 'http://localhost:3000', host: 'localhost:3000', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(400);
    expect((await login('tiepnhan1', {}, { 'sec-fetch-site': 'cross-site' })).json().error.code).toBe('CSRF_REJECTED');
    // Reads need no token.
    expect((await t.rawInject({ method: 'GET', url: '/api/dossiers', headers: { cookie } })).statusCode).toBe(200);
  });

  it('security headers on API answers and pages', async () => {
    for (const url of ['/api/procedures', '/', '/api/public/dossiers/x']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toBeUndefined(); // plain HTTP in this app
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures' })).headers['cache-control']).toBe('no-store');
  });
});

describeEachDialect('cookies behind HTTPS', (dialect) => {
  it('__Host- prefix, Secure, HttpOnly, SameSite=Strict, Path=/; HSTS', async () => {
    const { buildApp } = await import('../../src/server/app.ts');
    const { ManualClock } = await import('../../src/server/clock.ts');
    const db = await openTestDb(dialect);
    const app = await buildApp({ db, clock: new ManualClock('2026-12-01T02:00:00Z'), config: { cookieSecure: true, sessionTtlHours: 8, logLevel: 'silent' }, secrets: TEST_SECRETS });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tiepnhan1', password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const session = res.cookies.find((c) => c.name === '__Host-motcua_session')!;
      expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(session.domain).toBeUndefined();
      const csrf = res.cookies.find((c) => c.name === '__Host-motcua_csrf')!;
      expect(csrf).toMatchObject({ secure: true, sameSite: 'Strict', path: '/' });
      expect(csrf.httpOnly).toBeFalsy();
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `__Host-motcua_session=${session.value}` } });
      expect(me.statusCode).toBe(200);
      // The unprefixed name is not accepted over HTTPS.
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `motcua_session=${session.value}` } })).statusCode).toBe(401);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
