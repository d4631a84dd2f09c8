/**
 * Settings come from the environment only. Every invalid setting is reported at once, by name, and
 * start-up stops: a silent default for a bad value is a defect (DESIGN.md 9).
 */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Mark cookies Secure (set behind HTTPS). */
  cookieSecure: boolean;
  sessionTtlHours: number;
  logLevel: string;
}

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

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, host, databaseUrl, cookieSecure, sessionTtlHours, logLevel };
}
