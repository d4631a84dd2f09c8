/** The one way the console talks to the server: JSON in, JSON out, errors as ApiError with the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Last anti-CSRF token the server gave (login, /me, TOTP enable answers); the readable cookie is preferred. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * The session's anti-CSRF token (docs/security.md, CSRF): the non-HttpOnly cookie `motcua_csrf`
 * (`__Host-motcua_csrf` behind HTTPS), else the token from the last session answer.
 */
export function currentCsrfToken(): string | null {
  const m = /(?:^|;\s*)(?:__Host-)?motcua_csrf=([^;]+)/.exec(typeof document === 'undefined' ? '' : document.cookie);
  return m ? decodeURIComponent(m[1]!) : csrfToken;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Session ended by the server (idle timeout, SESSION_EXPIRED): the console drops its data and goes back to
 * the sign-in page, which shows why (docs/security.md, Sessions). The message survives a reload.
 */
const NOTICE_KEY = 'motcua_session_notice';
const sessionExpiredListeners = new Set<(message: string) => void>();

export function onSessionExpired(listener: (message: string) => void): () => void {
  sessionExpiredListeners.add(listener);
  return () => sessionExpiredListeners.delete(listener);
}

/** Why the last session ended, for the sign-in page; cleared at the next sign-in. */
export function sessionNotice(): string | null {
  return typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(NOTICE_KEY);
}

export function clearSessionNotice(): void {
  if (typeof sessionStorage !== 'undefined') sessionStorage.removeItem(NOTICE_KEY);
}

export async function api<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const csrf = SAFE_METHODS.has(method.toUpperCase()) ? null : currentCsrfToken();
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = data?.error;
    if (res.status === 401 && e?.code === 'SESSION_EXPIRED') {
      sessionStorage.setItem(NOTICE_KEY, e.message);
      for (const listener of sessionExpiredListeners) listener(e.message);
    }
    throw new ApiError(res.status, e?.code ?? 'HTTP_ERROR', e?.message ?? `Lỗi máy chủ (${res.status}).`, e?.field);
  }
  return data as T;
}

export const get = <T>(url: string) => api<T>('GET', url);

export function query(params: Record<string, string | number | boolean | readonly string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) for (const x of v) q.append(k, x);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
