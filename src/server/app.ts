import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { ErrorBody } from './http/schemas.ts';
import './http/request-context.ts';
import { authRoutes, SESSION_COOKIE } from './modules/auth/auth.routes.ts';
import { findSessionActor } from './modules/auth/session.repository.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { CalendarService } from './modules/calendar/calendar.service.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { complaintRoutes } from './modules/complaint/complaint.routes.ts';
import { publicComplaintRoutes } from './modules/complaint/public-form.routes.ts';
import { dossierRoutes } from './modules/dossier/dossier.routes.ts';
import { publicRoutes } from './modules/dossier/public.routes.ts';
import { monitoringRoutes } from './modules/reports/monitoring.routes.ts';
import { recognitionRoutes } from './modules/reports/recognition.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';

export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'cookieSecure' | 'sessionTtlHours' | 'logLevel'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    calendars: CalendarService;
  }
}

/** The only place that wires the product together; tests build exactly this app (DESIGN.md 1). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  app.decorate('calendars', new CalendarService(deps.db.kysely));
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addSchema(ErrorBody);
  registerErrorHandler(app);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'motcua API',
        version: '0.1.0',
        description: 'Bộ phận Một cửa phường/xã theo mô hình "3 không, 3 biết". Lỗi luôn có dạng {error: {code, message, field?}}.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.sessionToken = token;
    request.actor = (await findSessionActor(deps.db.kysely, token, deps.clock.now())) ?? null;
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });

  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(catalogRoutes, { prefix: '/api' });
  await app.register(calendarRoutes, { prefix: '/api' });
  await app.register(dossierRoutes, { prefix: '/api' });
  await app.register(publicRoutes, { prefix: '/api/public' });
  await app.register(userRoutes, { prefix: '/api' });
  await app.register(reportRoutes, { prefix: '/api' });
  await app.register(monitoringRoutes());
  await app.register(recognitionRoutes(), { prefix: '/api' });
  await app.register(complaintRoutes, { prefix: '/api' });
  await app.register(publicComplaintRoutes);
  await app.register(supervisionRoutes, { prefix: '/api/supervision' });

  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    return reply.type('text/html; charset=utf-8').send(LANDING);
  });
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  return app;
}

const LANDING = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>motcua — Bộ phận Một cửa</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; line-height: 1.5">
<h1>Bộ phận Một cửa phường Đông Thanh</h1>
<p><strong>3 không:</strong> không trễ hẹn, không gây phiền hà, không bổ sung hồ sơ quá 1 lần.<br>
<strong>3 biết:</strong> biết xin chào, biết xin lỗi, biết cảm ơn.</p>
<p>API: <a href="/api/docs">/api/docs</a> (OpenAPI).</p></body></html>`;
