/**
 * Cross-cutting web security (docs/security.md): session resolution, CSRF defence, the enrolment-only
 * scope of leaders and admins without a second factor, and response headers. Registered once by app.ts.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { findSession } from '../modules/auth/session.repository.ts';
import { DEFAULT_SECURITY } from '../config.ts';

export const SESSION_COOKIE_BASE = 'motcua_session';
export const CSRF_COOKIE_BASE = 'motcua_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** With Secure cookies, the __Host- prefix pins the cookie to this host, path / and HTTPS (RFC 6265bis 4.1.3.2). */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE_BASE}` : SESSION_COOKIE_BASE;
}
export function csrfCookieName(secure: boolean): string {
  return secure ? `__Host-${CSRF_COOKIE_BASE}` : CSRF_COOKIE_BASE;
}

/**
 * The anti-CSRF token of a session: an HMAC keyed by the secret session token, so it needs no storage,
 * dies with the session and cannot be computed by a page that cannot read the session cookie.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('motcua-csrf-v1').digest('base64url');
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes a leader or admin without a second factor may use: enrol one, or leave. */
const ENROLMENT_ROUTES = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/totp/setup', '/api/auth/totp/enable']);

function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  // Browsers send Sec-Fetch-Site on every request (Fetch Metadata); 'none' is a typed address or bookmark.
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    if (origin === 'null') return false;
    try {
      if (new URL(origin).host !== request.headers.host) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export function setSessionCookies(reply: FastifyReply, token: string, secure: boolean, ttlHours: number): void {
  const common = { path: '/', sameSite: 'strict' as const, secure, maxAge: ttlHours * 3600 };
  reply.setCookie(sessionCookieName(secure), token, { ...common, httpOnly: true });
  // Readable by the page's script, which echoes it in the X-CSRF-Token header.
  reply.setCookie(csrfCookieName(secure), csrfTokenFor(token), { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookieName(secure), { path: '/', secure, sameSite: 'strict', httpOnly: true });
  reply.clearCookie(csrfCookieName(secure), { path: '/', secure, sameSite: 'strict' });
}

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function registerSecurity(app: FastifyInstance): void {
  const { db, clock, config } = app.deps;
  const cookieName = sessionCookieName(config.cookieSecure);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[cookieName];
    if (token) {
      request.sessionToken = token;
      const session = await findSession(db.kysely, token, clock.now(), config.security?.sessionIdleMinutes ?? DEFAULT_SECURITY.sessionIdleMinutes);
      // An idle session is no session; requireActor answers SESSION_EXPIRED instead of UNAUTHENTICATED.
      request.actor = typeof session === 'object' ? session.actor : null;
      request.sessionScope = typeof session === 'object' ? session.scope : (session ?? null);
    }
    const route = request.routeOptions.url ?? '';
    if (STATE_CHANGING.has(request.method)) {
      // Fetch Metadata and Origin: a cross-site page can never change state, signed in or not (login CSRF too).
      if (!sameOrigin(request)) {
        throw new DomainError('CSRF_REJECTED', 'Yêu cầu đến từ trang web khác nên bị từ chối (chống giả mạo yêu cầu).');
      }
      // With a session: the per-session token in X-CSRF-Token (synchroniser token, ASVS 5.0 V3.5.1).
      if (request.actor && route !== '/api/auth/login' && request.headers[CSRF_HEADER] !== csrfTokenFor(token!)) {
        throw new DomainError('CSRF_REJECTED', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token); hãy tải lại trang.');
      }
    }
    if (request.sessionScope === 'enroll_mfa' && !ENROLMENT_ROUTES.has(route)) {
      throw new DomainError(
        'MFA_ENROLLMENT_REQUIRED',
        'Tài khoản lãnh đạo và quản trị phải bật xác thực hai lớp (mã TOTP) trước khi làm việc: hãy đăng ký ứng dụng xác thực.',
      );
    }
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (config.cookieSecure) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (!reply.hasHeader('content-security-policy')) {
      const type = String(reply.getHeader('content-type') ?? '');
      // A 304 has no content type, yet the browser merges its headers into the cached page: a revalidated
      // /app/ page (index.html is served with no-cache) must keep the page policy, not the API one.
      const page = type.startsWith('text/html') || (reply.statusCode === 304 && !request.url.startsWith('/api/'));
      reply.header('content-security-policy', page ? PAGE_CSP : API_CSP);
    }
    // Personal data must not linger in shared caches or the browser's (ASVS 5.0 V14.3).
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
}
