import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { ManualClock } from '../src/server/clock.ts';
import type { Db } from '../src/server/db/database.ts';
import { DEMO_PASSWORD } from '../src/server/seed/demo-ward.ts';

export interface TestApp {
  app: FastifyInstance;
  clock: ManualClock;
  db: Db;
  /** Session cookie header for a seeded demo account. */
  login(username: string): Promise<string>;
}

export async function buildTestApp(db: Db, start = '2026-12-01T02:00:00.000Z'): Promise<TestApp> {
  const clock = new ManualClock(start);
  const app = await buildApp({ db, clock, config: { cookieSecure: false, sessionTtlHours: 720, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
  const cookies = new Map<string, string>();
  return {
    app,
    clock,
    db,
    async login(username: string) {
      const known = cookies.get(username);
      if (known) return known;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'motcua_session');
      if (!cookie) throw new Error('no session cookie');
      const header = `motcua_session=${cookie.value}`;
      cookies.set(username, header);
      return header;
    },
  };
}
