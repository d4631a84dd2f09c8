/**
 * Secrets at rest (TOTP secrets sealed with AES-256-GCM, key outside the database) and the idle timeout
 * of sessions (ASVS 5.0 V7.3.1), on both databases. docs/security.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import type { Db } from '../../src/server/db/database.ts';
import { loadSecretBox, resealTotpSecrets, SECRET_KEY_FILE, SecretBox, SecretKeyError } from '../../src/server/modules/auth/secret-box.ts';
import { LAST_SEEN_WRITE_INTERVAL_MS } from '../../src/server/modules/auth/session.repository.ts';
import { newTotpSecret, totpCode } from '../../src/server/modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-ward.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { buildTestApp, TEST_SECRETS } from '../test-app.ts';

const START = '2026-12-01T02:00:00.000Z';

describe('key ring', () => {
  it('seals with AES-256-GCM under the current key, opens older keys of the ring, refuses unknown keys and tampering', () => {
    const a = new SecretBox([randomBytes(32)]);
    const b = new SecretBox([randomBytes(32)]);
    const sealed = a.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(a.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed); // random IV
    expect(a.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => b.open(sealed)).toThrow(SecretKeyError);
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => a.open(flipped)).toThrow(SecretKeyError);
  });

  it('MOTCUA_SECRET_KEY: hex or base64, comma-separated ring; required with PostgreSQL, by name, at start-up', () => {
    const hex = randomBytes(32).toString('hex');
    expect(SecretBox.fromText(`${randomBytes(32).toString('base64')},${hex}`)).toBeInstanceOf(SecretBox);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@h/db' })).toThrow(/MOTCUA_SECRET_KEY: bắt buộc khi dùng PostgreSQL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@h/db', MOTCUA_SECRET_KEY: hex })).not.toThrow();
    try {
      loadConfig({ MOTCUA_SECRET_KEY: 'too-short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.join()).toMatch(/MOTCUA_SECRET_KEY: .*64 chữ số hex/);
    }
    expect(() => loadSecretBox('postgres://x@h/db', {})).toThrow(SecretKeyError);
  });

  it('SQLite without MOTCUA_SECRET_KEY: a key file beside the database, mode 0600, made once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-key-'));
    try {
      const url = `sqlite:${join(dir, 'motcua.sqlite')}`;
      const box = loadSecretBox(url, {});
      const file = join(dir, SECRET_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(loadSecretBox(url, {}).open(box.seal('X'))).toBe('X');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDialect('TOTP secrets at rest', (dialect) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.close();
  });
  const stored = (username: string) =>
    db.kysely.selectFrom('staff_user').select(['totp_secret', 'totp_pending_secret']).where('username', '=', username).executeTakeFirstOrThrow();

  it('the database holds no plaintext secret; login with a TOTP code still works', async () => {
    const t = await buildTestApp(db, START);
    await t.login('chutich'); // enrols a factor
    const secret = t.totpSecrets.get('chutich')!;
    const row = await stored('chutich');
    expect(row.totp_secret).toMatch(/^enc:v1:/);
    expect(row.totp_secret).not.toContain(secret);
    expect(row.totp_pending_secret).toBeNull();
    const later = await buildTestApp(db, '2026-12-01T02:01:00.000Z');
    const res = await later.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chutich', password: DEMO_PASSWORD, totp: totpCode(secret, later.clock.now()) },
    });
    expect(res.statusCode, res.body).toBe(200);
    // The pending secret of an enrolment in progress is sealed too.
    const a = await buildTestApp(db, START);
    const setup = await a.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: await a.login('tiepnhan1') } });
    expect(setup.statusCode, setup.body).toBe(200);
    expect((await stored('tiepnhan1')).totp_pending_secret).toMatch(/^enc:v1:/);
    expect((await stored('tiepnhan1')).totp_pending_secret).not.toContain(setup.json().secret);
  });

  it('a wrong key fails closed: 503 SECRET_KEY_MISMATCH with a clear message and no internals; start-up refuses too', async () => {
    const wrong = new SecretBox([randomBytes(32)]);
    const t = await buildTestApp(db, '2026-12-01T02:03:00.000Z', { secrets: wrong });
    const secret = TEST_SECRETS.open((await stored('chutich')).totp_secret!);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chutich', password: DEMO_PASSWORD, totp: totpCode(secret, t.clock.now()) },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('SECRET_KEY_MISMATCH');
    expect(res.json().error.message).toContain('MOTCUA_SECRET_KEY');
    expect(res.body).not.toMatch(/enc:v1|stack|at .*\.ts|aes/i);
    await expect(resealTotpSecrets(db.kysely, wrong)).rejects.toThrow(SecretKeyError);
  });

  it('start-up pass: seals plaintext secrets of older versions and re-seals under a rotated key', async () => {
    const plain = newTotpSecret();
    await db.kysely.updateTable('staff_user').set({ totp_secret: plain, totp_last_step: null }).where('username', '=', 'phochutich').execute();
    expect(await resealTotpSecrets(db.kysely, TEST_SECRETS)).toEqual({ sealed: 1, resealed: 0 });
    expect((await stored('phochutich')).totp_secret).toMatch(/^enc:v1:/);
    expect(await resealTotpSecrets(db.kysely, TEST_SECRETS)).toEqual({ sealed: 0, resealed: 0 }); // idempotent

    // Rotation: the new key first, the old one kept until the pass has run.
    const rotated = new SecretBox([randomBytes(32), Buffer.alloc(32, 7)]);
    const r = await resealTotpSecrets(db.kysely, rotated);
    expect(r.resealed).toBeGreaterThanOrEqual(2); // chutich and phochutich
    expect((await stored('phochutich')).totp_secret!.startsWith(`enc:v1:${rotated.currentId}:`)).toBe(true);
    const t = await buildTestApp(db, '2026-12-01T02:05:00.000Z', { secrets: rotated });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'phochutich', password: DEMO_PASSWORD, totp: totpCode(plain, t.clock.now()) },
    });
    expect(res.statusCode, res.body).toBe(200);
    // The old key alone no longer opens anything.
    const old = await buildTestApp(db, '2026-12-01T02:06:00.000Z');
    const refused = await old.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'phochutich', password: DEMO_PASSWORD, totp: totpCode(plain, old.clock.now()) },
    });
    expect(refused.statusCode).toBe(503);
  });
});

describeEachDialect('idle session timeout', (dialect) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.close();
  });

  it('activity keeps a session alive; idle past SESSION_IDLE_MINUTES it answers 401 SESSION_EXPIRED in Vietnamese', async () => {
    const t = await buildTestApp(db, START, { security: { sessionIdleMinutes: 30 } });
    const cookie = await t.login('hotich1');
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const lastSeen = async () => (await db.kysely.selectFrom('user_session').select('last_seen_at').orderBy('created_at', 'desc').executeTakeFirstOrThrow()).last_seen_at;
    // Ten periods of 25 minutes of silence each: 250 minutes, well past the idle limit in total, still alive.
    for (let i = 0; i < 10; i++) {
      t.clock.advanceMinutes(25);
      expect((await me()).statusCode).toBe(200);
    }
    // Writes are throttled: a request within the minute does not move "last seen".
    const before = await lastSeen();
    t.clock.advanceMinutes(LAST_SEEN_WRITE_INTERVAL_MS / 2 / 60_000);
    expect((await me()).statusCode).toBe(200);
    expect(await lastSeen()).toBe(before);
    // 31 minutes of silence: over.
    t.clock.advanceMinutes(31);
    const res = await me();
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    expect(res.json().error.message).toMatch(/hết hạn.*đăng nhập lại/);
    // A state-changing request is refused the same way, and the session does not come back.
    const post = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(post.statusCode).toBe(401);
    t.clock.advanceMinutes(1);
    expect((await me()).json().error.code).toBe('SESSION_EXPIRED');
    // Logging in again gives a working session.
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hotich1', password: DEMO_PASSWORD } });
    expect(again.statusCode).toBe(200);
  });

  it('the default for staff is 30 minutes', async () => {
    const { DEFAULT_SECURITY } = await import('../../src/server/config.ts');
    expect(DEFAULT_SECURITY.sessionIdleMinutes).toBe(30);
    expect(loadConfig({ SESSION_IDLE_MINUTES: '15' }).security.sessionIdleMinutes).toBe(15);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });
});
