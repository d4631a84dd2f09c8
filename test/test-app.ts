import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type AppDeps, buildApp } from '../src/server/app.ts';
import { ManualClock } from '../src/server/clock.ts';
import type { Config } from '../src/server/config.ts';
import type { Db } from '../src/server/db/database.ts';
import { CSRF_HEADER, csrfTokenFor, SESSION_COOKIE_BASE } from '../src/server/http/security.ts';
import { SecretBox } from '../src/server/modules/auth/secret-box.ts';
import { totpCode } from '../src/server/modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../src/server/seed/demo-ward.ts';

/** The key of the secrets at rest in tests (a fixed one, so that two app instances share it). */
export const TEST_SECRETS = new SecretBox([Buffer.alloc(32, 7)]);

export interface TestApp {
  /**
   * The app, whose inject() adds the session's X-CSRF-Token to every request that carries a session cookie
   * (like the web page does). Pass headers['x-csrf-token'] yourself to override it, or use rawInject.
   */
  app: FastifyInstance;
  rawInject: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  clock: ManualClock;
  db: Db;
  /**
   * Session cookie header for a seeded demo account. Leaders and admins must use a second factor: the
   * helper enrols one on their first login (the secret is kept in `totpSecrets`) and returns the full session.
   */
  login(username: string): Promise<string>;
  totpSecrets: Map<string, string>;
}

/** The session token inside a Cookie header, if any. */
export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  const m = cookieHeader ? new RegExp(`(?:^|;\\s*)(?:__Host-)?${SESSION_COOKIE_BASE}=([^;]+)`).exec(cookieHeader) : null;
  return m?.[1];
}

export async function buildTestApp(
  db: Db,
  start = '2026-12-01T02:00:00.000Z',
  options: { security?: Partial<Config['security']>; secrets?: SecretBox; citizen?: AppDeps['citizen'] } = {},
): Promise<TestApp> {
  const clock = new ManualClock(start);
  const app = await buildApp({
    db,
    clock,
    config: {
      cookieSecure: false,
      sessionTtlHours: 720,
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Tests log in many times from one address; the throttling tests set their own limits.
      // Tests move the clock by days, even weeks, with one session (as long as sessionTtlHours above);
      // the idle-timeout tests set their own limit.
      security: { loginMaxFailuresPerIp: 100_000, publicLookupLimit: 100_000, sessionIdleMinutes: 720 * 60, ...options.security },
    },
    secrets: options.secrets ?? TEST_SECRETS,
    ...(options.citizen ? { citizen: options.citizen } : {}),
  });
  const rawInject = app.inject.bind(app) as (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  const withCsrf = (opts: InjectOptions): Promise<LightMyRequestResponse> => {
    const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
    const token = sessionTokenOf(headers.cookie);
    if (token && !(CSRF_HEADER in headers)) headers[CSRF_HEADER] = csrfTokenFor(token);
    return rawInject({ ...opts, headers });
  };
  (app as unknown as { inject: typeof withCsrf }).inject = withCsrf;

  const cookies = new Map<string, string>();
  const totpSecrets = new Map<string, string>();
  const cookieHeader = (res: LightMyRequestResponse) => {
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE_BASE);
    if (!cookie) throw new Error('no session cookie');
    return `${SESSION_COOKIE_BASE}=${cookie.value}`;
  };
  return {
    app,
    rawInject,
    clock,
    db,
    totpSecrets,
    async login(username: string) {
      const known = cookies.get(username);
      if (known) return known;
      const secret = totpSecrets.get(username);
      const res = await withCsrf({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD, ...(secret ? { totp: totpCode(secret, clock.now()) } : {}) },
      });
      expect(res.statusCode, res.body).toBe(200);
      let header = cookieHeader(res);
      if (res.json().mfa.enrollmentRequired) {
        const setup = await withCsrf({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: header } });
        expect(setup.statusCode, setup.body).toBe(200);
        const s = setup.json().secret as string;
        const enable = await withCsrf({
          method: 'POST',
          url: '/api/auth/totp/enable',
          headers: { cookie: header },
          payload: { code: totpCode(s, clock.now()) },
        });
        expect(enable.statusCode, enable.body).toBe(200);
        totpSecrets.set(username, s);
        header = cookieHeader(enable);
      }
      cookies.set(username, header);
      return header;
    },
  };
}
