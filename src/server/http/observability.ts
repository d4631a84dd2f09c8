import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/database.ts';

/** An incoming x-request-id is kept when it is a plausible id (a proxy's or a client's); otherwise we make one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Operations endpoints and telemetry (docs/deploy.md):
 * - GET /readyz: 200 when the database answers, 503 otherwise (load balancers take the node out);
 *   /healthz (liveness) stays a plain 200 so that a slow database never gets a healthy process killed.
 * - GET /metrics: Prometheus text format. HTTP latency by route, job queue depth, dossiers by status.
 * - every response carries x-request-id; pino's JSON log lines carry the same id as reqId.
 */
export async function observability(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const { db } = opts;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'motcua_' });

  const latency = new Histogram({
    name: 'motcua_http_request_duration_seconds',
    help: 'HTTP request latency by route (the route pattern, not the URL, so that labels stay few)',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  // Counts are read at scrape time, at most once per interval: a GROUP BY over a province's open dossiers
  // is cheap through the (status, due_at) index, but there is no reason to run it on every scrape.
  let cached: { at: number; jobs: { status: string; n: number }[]; dossiers: { status: string; n: number }[] } | undefined;
  async function counts() {
    if (cached && Date.now() - cached.at < 10_000) return cached;
    const [jobs, dossiers] = await Promise.all([
      db.kysely
        .selectFrom('job')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', 'in', ['queued', 'running', 'failed'])
        .groupBy('status')
        .execute(),
      db.kysely.selectFrom('dossier').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
    ]);
    cached = { at: Date.now(), jobs: jobs.map((r) => ({ status: r.status, n: Number(r.n) })), dossiers: dossiers.map((r) => ({ status: r.status, n: Number(r.n) })) };
    return cached;
  }
  new Gauge({
    name: 'motcua_job_queue_depth',
    help: 'Background jobs by status (queued = waiting, running = leased, failed = gave up)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const c = await counts();
      for (const s of ['queued', 'running', 'failed']) this.set({ status: s }, c.jobs.find((r) => r.status === s)?.n ?? 0);
    },
  });
  new Gauge({
    name: 'motcua_dossiers',
    help: 'Dossiers by workflow status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const c = await counts();
      this.reset();
      for (const r of c.dossiers) this.set({ status: r.status }, r.n);
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    latency.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await Promise.race([
        sql`select 1`.execute(db.kysely),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 2 s')), 2000).unref()),
      ]);
      return { ok: true, database: db.dialect };
    } catch (err) {
      app.log.warn({ err }, 'readiness check failed');
      return reply.status(503).send({ ok: false, database: db.dialect, error: { code: 'NOT_READY', message: 'Cơ sở dữ liệu chưa sẵn sàng.' } });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}
