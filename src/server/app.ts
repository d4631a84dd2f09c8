import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { frameworkErrors, registerErrorHandler } from './http/error-handler.ts';
import { observability, requestIdOf } from './http/observability.ts';
import { registerWebApp } from './http/web-app.ts';
import { registerSecurity } from './http/security.ts';
import { registerInputGuards } from './http/input-guards.ts';
import { ErrorBody } from './http/schemas.ts';
import './http/request-context.ts';
import { authRoutes, SESSION_COOKIE } from './modules/auth/auth.routes.ts';
import type { SecretBox } from './modules/auth/secret-box.ts';
import { findSessionActor } from './modules/auth/session.repository.ts';
import { citizenRoutes } from './modules/citizen/citizen.routes.ts';
import { type CitizenDeps, citizenServiceRoutes } from './modules/citizen-services.routes.ts';
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
import { documentRoutes } from './documents/documents.routes.ts';
import { threeKhongRoutes } from './modules/three-khong/three-khong.routes.ts';

export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'cookieSecure' | 'sessionTtlHours' | 'logLevel'> & { security?: Partial<Config['security']> };
  /** Citizen-facing services: links in messages and QR codes, channels for one-time codes, uploads. */
  citizen?: CitizenDeps;
  /** Encrypts TOTP secrets at rest (modules/auth/secret-box.ts). */
  secrets: SecretBox;
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
    // x-request-id from the proxy is kept when plausible (observability.ts), so log lines join across hops.
    requestIdHeader: false,
    genReqId: requestIdOf,
    trustProxy: deps.config.security?.trustProxy ?? false,
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  app.decorate('calendars', new CalendarService(deps.db.kysely));
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionScope', null);
  app.addSchema(ErrorBody);
  registerErrorHandler(app);
  registerInputGuards(app);
  await observability(app, { db: deps.db });

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
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Its hashes of inline code stay; framing is refused and plain-HTTP installs keep working.
    transformStaticCSP: (h) =>
      h.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(deps.config.cookieSecure ? /$^/ : /\s*upgrade-insecure-requests;/, ''),
  });

  registerSecurity(app);

  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(catalogRoutes, { prefix: '/api' });
  await app.register(calendarRoutes, { prefix: '/api' });
  await app.register(dossierRoutes, { prefix: '/api' });
  await app.register(publicRoutes, { prefix: '/api/public' });
  await app.register(userRoutes, { prefix: '/api' });
  await app.register(reportRoutes, { prefix: '/api' });
  await app.register(monitoringRoutes());
  await app.register(documentRoutes, { prefix: '/api' });
  await app.register(threeKhongRoutes, { prefix: '/api' });
  await app.register(recognitionRoutes(), { prefix: '/api' });
  await app.register(complaintRoutes, { prefix: '/api' });
  await app.register(publicComplaintRoutes);
  await app.register(supervisionRoutes, { prefix: '/api/supervision' });
  await app.register(citizenServiceRoutes, { citizen: deps.citizen });

  await app.register(citizenRoutes);
  await registerWebApp(app);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  return app;
}
