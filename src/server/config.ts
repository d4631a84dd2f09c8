/**
 * Settings come from the environment only. Every invalid setting is reported at once, by name, and
 * start-up stops: a silent default for a bad value is a defect (DESIGN.md 9).
 */
import { REQUIRED_WITH_POSTGRES, secretKeyProblem } from './modules/auth/secret-box.ts';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Mark cookies Secure (set behind HTTPS). */
  cookieSecure: boolean;
  sessionTtlHours: number;
  logLevel: string;
  security: SecuritySettings;
  /** Address citizens reach the ward's site at, for links in messages and QR codes on slips. */
  publicBaseUrl: string;
  notifications: NotificationSettings;
  uploads: UploadSettings;
}

/** Channel gateways; a channel left unset is simply not offered (the start-up log says which are on). */
export interface NotificationSettings {
  email: { url: string; from: string } | null;
  sms: { url: string; token: string | null } | null;
  zalo: { url: string; token: string; templateId: string } | null;
}

export interface UploadSettings {
  dir: string;
  maxFileBytes: number;
  maxFiles: number;
}

/** Limits of the security controls (docs/security.md). */
export interface SecuritySettings {
  /** Trust X-Forwarded-For from a reverse proxy for the client address (set only behind one). */
  trustProxy: boolean;
  /** Failed logins per username, then per client address, within the window, before 429. */
  loginMaxFailuresPerUser: number;
  loginMaxFailuresPerIp: number;
  loginWindowMinutes: number;
  /** Public dossier look-ups per client address within the window, before 429. */
  publicLookupLimit: number;
  publicLookupWindowMinutes: number;
  /** A session unused this long ends (ASVS 5.0 V7.3.1); SESSION_TTL_HOURS stays the absolute lifetime. */
  sessionIdleMinutes: number;
  /** How long staff read logs (personal-data access, Law 91/2025) are kept before `motcua audit prune` removes them. */
  auditReadRetentionDays: number;
}

export const DEFAULT_SECURITY: SecuritySettings = {
  trustProxy: false,
  loginMaxFailuresPerUser: 10,
  loginMaxFailuresPerIp: 100,
  loginWindowMinutes: 15,
  publicLookupLimit: 60,
  publicLookupWindowMinutes: 10,
  auditReadRetentionDays: 730,
  sessionIdleMinutes: 30,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name}="${raw}": phải là số nguyên từ ${min} đến ${max} (must be an integer ${min}–${max})`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}="${raw}": phải là true hoặc false (must be true or false)`);
    return fallback;
  };

  const port = int('PORT', 3000, 1, 65535);
  const sessionTtlHours = int('SESSION_TTL_HOURS', 12, 1, 24 * 30);
  const host = env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0';
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : 'sqlite:./data/motcua.sqlite';
  if (!/^sqlite:.+/.test(databaseUrl) && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    problems.push(
      `DATABASE_URL="${databaseUrl}": phải bắt đầu bằng sqlite: hoặc postgres:// (must start with sqlite: or postgres://)`,
    );
  }
  const logLevel = env.LOG_LEVEL && env.LOG_LEVEL !== '' ? env.LOG_LEVEL : 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL="${logLevel}": một trong ${LOG_LEVELS.join(', ')} (one of them)`);
  }
  const cookieSecure = bool('COOKIE_SECURE', false);
  const d = DEFAULT_SECURITY;
  const security: SecuritySettings = {
    trustProxy: bool('TRUST_PROXY', d.trustProxy),
    loginMaxFailuresPerUser: int('LOGIN_MAX_FAILURES_PER_USER', d.loginMaxFailuresPerUser, 1, 1000),
    loginMaxFailuresPerIp: int('LOGIN_MAX_FAILURES_PER_IP', d.loginMaxFailuresPerIp, 1, 100_000),
    loginWindowMinutes: int('LOGIN_WINDOW_MINUTES', d.loginWindowMinutes, 1, 24 * 60),
    publicLookupLimit: int('PUBLIC_LOOKUP_LIMIT', d.publicLookupLimit, 1, 100_000),
    publicLookupWindowMinutes: int('PUBLIC_LOOKUP_WINDOW_MINUTES', d.publicLookupWindowMinutes, 1, 24 * 60),
    auditReadRetentionDays: int('AUDIT_READ_RETENTION_DAYS', d.auditReadRetentionDays, 1, 36_500),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', d.sessionIdleMinutes, 1, 7 * 24 * 60),
  };
  // The key of the secrets at rest (docs/security.md): required with PostgreSQL, where no key file can sit beside the data.
  const secretKey = env.MOTCUA_SECRET_KEY ?? '';
  const keyProblem = secretKey ? secretKeyProblem(secretKey) : /^postgres/.test(databaseUrl) ? REQUIRED_WITH_POSTGRES : null;
  if (keyProblem) problems.push(`MOTCUA_SECRET_KEY: ${keyProblem}`);

  const text = (name: string): string | null => (env[name] && env[name] !== '' ? (env[name] as string) : null);
  const url = (name: string, protocols: string[]): string | null => {
    const raw = text(name);
    if (raw === null) return null;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      problems.push(`${name}="${raw}": phải là địa chỉ ${protocols.join(' hoặc ')}//… (must be a ${protocols.join('/')} URL)`);
      return null;
    }
  };
  const publicBaseUrl = (url('PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);
  const mailFrom = text('MAIL_FROM');
  if (smtpUrl && !mailFrom) problems.push('MAIL_FROM: cần địa chỉ người gửi khi đã đặt SMTP_URL (required with SMTP_URL)');
  const smsUrl = url('SMS_GATEWAY_URL', ['http:', 'https:']);
  const zaloUrl = url('ZALO_OA_URL', ['http:', 'https:']);
  const zaloToken = text('ZALO_OA_TOKEN');
  const zaloTemplate = text('ZALO_OA_TEMPLATE_ID');
  if (zaloUrl && (!zaloToken || !zaloTemplate)) {
    problems.push('ZALO_OA_TOKEN, ZALO_OA_TEMPLATE_ID: cần cả hai khi đã đặt ZALO_OA_URL (both required with ZALO_OA_URL)');
  }
  const notifications: NotificationSettings = {
    email: smtpUrl && mailFrom ? { url: smtpUrl, from: mailFrom } : null,
    sms: smsUrl ? { url: smsUrl, token: text('SMS_GATEWAY_TOKEN') } : null,
    zalo: zaloUrl && zaloToken && zaloTemplate ? { url: zaloUrl, token: zaloToken, templateId: zaloTemplate } : null,
  };
  const uploads: UploadSettings = {
    dir: text('UPLOAD_DIR') ?? './data/uploads',
    maxFileBytes: int('UPLOAD_MAX_MB', 10, 1, 100) * 1024 * 1024,
    maxFiles: int('UPLOAD_MAX_FILES', 20, 1, 100),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, host, databaseUrl, cookieSecure, sessionTtlHours, logLevel, security, publicBaseUrl, notifications, uploads };
}
