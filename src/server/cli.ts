import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { WorkingCalendar } from '../domain/calendar/working-calendar.ts';
import { ROLES, type Role } from '../domain/procedure/procedure.ts';
import { DomainError } from '../domain/errors.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase, sqliteFilename } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { listDayRules } from './modules/calendar/calendar.repository.ts';
import { CalendarService } from './modules/calendar/calendar.service.ts';
import { createUser } from './modules/users/create-user.ts';
import { loadSecretBox, resealTotpSecrets, SecretKeyError } from './modules/auth/secret-box.ts';
import { pruneAccessLogs, verifyChain } from './modules/audit/chain.ts';
import { seedDatabase } from './seed/seed-database.ts';
import { JobWorker } from './jobs/job-worker.ts';

const USAGE = `motcua — Bộ phận Một cửa "3 không, 3 biết"

Cách dùng / usage: motcua <command> [options]

  start [--no-worker]           migrate, seed the demo ward if the database is empty, then serve (and run jobs)
  serve [--no-worker]           serve the API on PORT (default 3000) and run background jobs in the same process
  worker                        run background jobs only (scale-out: several workers share one PostgreSQL)
  migrate                       bring the database schema up to date
  seed                          load the demo ward into an empty database
  create-user <username> --role <role> [--division <code>] [--full-name <name>] --password-stdin
                                roles: ${ROLES.join(', ')}
  calendar holidays <year> [--json]
                                days off and worked Saturdays of a year, with their reason
  calendar due --at <ISO instant> --working-days <n> [--json]
                                the appointment for a receipt at that moment
  backup <file>                 consistent online backup of the SQLite database
  audit verify [--expect-head <hash>] [--json]
                                check the audit hash chain: any edited, deleted, inserted or reordered
                                audit_log / dossier_event row is reported (exit 1); prints the head to record
  audit prune                   delete access records older than AUDIT_READ_RETENTION_DAYS (chain kept)

Settings (environment): PORT, HOST, DATABASE_URL (sqlite:./data/motcua.sqlite | postgres://…),
COOKIE_SECURE, SESSION_TTL_HOURS, LOG_LEVEL, TRUST_PROXY, LOGIN_MAX_FAILURES_PER_USER,
LOGIN_MAX_FAILURES_PER_IP, LOGIN_WINDOW_MINUTES, PUBLIC_LOOKUP_LIMIT, PUBLIC_LOOKUP_WINDOW_MINUTES,
AUDIT_READ_RETENTION_DAYS (docs/security.md).
Exit codes: 0 ok, 1 failure, 2 usage or invalid settings.`;

class UsageError extends Error {}

/** How long a stopping server waits for in-flight requests (systemd's TimeoutStopSec should exceed it). */
const SHUTDOWN_GRACE_MS = 20_000;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function fmtDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

const WEEKDAY = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  try {
    const config = loadConfig();
    switch (command) {
      case 'start':
      case 'serve': {
        const { values } = parseArgs({ args: rest, options: { 'no-worker': { type: 'boolean' } } });
        return await serve(config, command === 'start', !values['no-worker']);
      }
      case 'worker':
        return await workerOnly(config);
      case 'migrate': {
        const db = openDatabase(config.databaseUrl);
        try {
          const applied = await migrateToLatest(db);
          console.log(applied.length ? `Đã áp dụng / applied: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã mới nhất / up to date.');
          const r = await resealTotpSecrets(db.kysely, loadSecretBox(config.databaseUrl));
          if (r.sealed + r.resealed > 0) console.log(`Khóa TOTP: mã hóa ${r.sealed}, mã hóa lại bằng khóa mới ${r.resealed} / TOTP secrets sealed ${r.sealed}, re-sealed ${r.resealed}.`);
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'seed': {
        const db = openDatabase(config.databaseUrl);
        try {
          await migrateToLatest(db);
          const r = await seedDatabase(db.kysely, systemClock.now());
          console.log(
            r.seeded
              ? `Đã nạp phường mẫu: ${r.divisions} phòng ban, ${r.staff} cán bộ, ${r.procedures} thủ tục, ${r.calendarDays} ngày lịch.`
              : 'Cơ sở dữ liệu đã có dữ liệu; không nạp lại / already seeded.',
          );
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'create-user':
        return await createUserCommand(config.databaseUrl, rest);
      case 'calendar':
        return await calendarCommand(config.databaseUrl, rest);
      case 'backup':
        return await backupCommand(config.databaseUrl, rest);
      case 'audit':
        return await auditCommand(config, rest);
      default:
        throw new UsageError(`Lệnh không có / unknown command: ${command}`);
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof SecretKeyError) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof DomainError) {
      console.error(`${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

async function serve(config: ReturnType<typeof loadConfig>, prepare: boolean, withWorker: boolean): Promise<number> {
  const db = openDatabase(config.databaseUrl);
  if (prepare) {
    await migrateToLatest(db);
    const r = await seedDatabase(db.kysely, systemClock.now());
    if (r.seeded) console.log(`Đã nạp phường mẫu Đông Thanh: ${r.staff} cán bộ, ${r.procedures} thủ tục.`);
  }
  // Fails closed (exit 2) when the configured key cannot open the stored TOTP secrets.
  const secrets = loadSecretBox(config.databaseUrl);
  await resealTotpSecrets(db.kysely, secrets);
  // Loaded here, not at the top: the other commands start faster without the web app and its channels.
  const [{ buildApp }, { jobRegistry }, { buildChannels }] = await Promise.all([
    import('./app.ts'),
    import('./jobs/registry.ts'),
    import('./modules/notifications/channels.ts'),
  ]);
  const channels = buildChannels(config.notifications);
  const app = await buildApp({ db, clock: systemClock, config, secrets, citizen: { publicBaseUrl: config.publicBaseUrl, channels, uploads: config.uploads } });
  app.log.info({ channels: Object.keys(channels) }, 'notification channels');
  const registry = jobRegistry({ channels, publicBaseUrl: config.publicBaseUrl, uploadDir: config.uploads.dir });
  const worker = withWorker ? new JobWorker({ db, clock: systemClock, log: app.log }, registry.handlers, { recurring: registry.recurring }) : undefined;
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    // In-flight requests finish; a kept-alive connection becomes idle only after its response, so idle
    // connections are closed as they appear, and whatever is left after the grace period is cut.
    const closing = app.close();
    const idle = setInterval(() => app.server.closeIdleConnections(), 50);
    const force = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await closing;
    clearInterval(idle);
    clearTimeout(force);
    await worker?.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  worker?.start();
  console.log(`motcua: http://localhost:${config.port} (API docs: /api/docs)`);
  return new Promise<number>(() => {});
}

async function workerOnly(config: ReturnType<typeof loadConfig>): Promise<number> {
  const db = openDatabase(config.databaseUrl);
  await migrateToLatest(db);
  const { jobRegistry } = await import('./jobs/registry.ts');
  const registry = jobRegistry({ notifications: config.notifications, publicBaseUrl: config.publicBaseUrl, uploadDir: config.uploads.dir });
  const worker = new JobWorker({ db, clock: systemClock }, registry.handlers, { recurring: registry.recurring });
  const close = async () => {
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
  worker.start();
  console.log(`motcua worker ${worker.workerId}: ${Object.keys(registry.handlers).length} loại việc nền.`);
  return new Promise<number>(() => {});
}

async function createUserCommand(databaseUrl: string, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      division: { type: 'string' },
      'full-name': { type: 'string' },
      title: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  const username = positionals[0];
  if (!username || positionals.length > 1) throw new UsageError('create-user cần đúng một <username>.');
  if (!values.role || !ROLES.includes(values.role as Role)) throw new UsageError(`--role phải là một trong: ${ROLES.join(', ')}`);
  if (!values['password-stdin']) throw new UsageError('Mật khẩu chỉ nhận qua --password-stdin (không đặt trên dòng lệnh).');
  const password = await readStdin();
  const db = openDatabase(databaseUrl);
  try {
    await migrateToLatest(db);
    const id = await db.kysely.transaction().execute((trx) =>
      createUser(
        trx,
        null,
        { username, fullName: values['full-name'] ?? username, title: values.title, role: values.role as Role, divisionCode: values.division, password },
        systemClock.now(),
      ),
    );
    console.log(`Đã tạo tài khoản ${username} (id ${id}, vai trò ${values.role}).`);
    return 0;
  } finally {
    await db.close();
  }
}

async function withCalendar<T>(databaseUrl: string, fn: (c: WorkingCalendar, db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const db = openDatabase(databaseUrl);
  try {
    await migrateToLatest(db);
    await seedDatabase(db.kysely, systemClock.now());
    return await fn(await new CalendarService(db.kysely).current(), db);
  } finally {
    await db.close();
  }
}

async function calendarCommand(databaseUrl: string, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'holidays') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' } } });
    const year = Number(positionals[0]);
    if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new UsageError('calendar holidays cần <year> từ 1990 đến 2100.');
    return withCalendar(databaseUrl, async (calendar, db) => {
      const days = await listDayRules(db.kysely, `${year}-01-01`, `${year}-12-31`);
      const rows = days.map((d) => ({ ...d, weekday: WEEKDAY[new Date(`${d.date}T00:00:00Z`).getUTCDay()] ?? '' }));
      if (values.json) {
        console.log(JSON.stringify({ year, workingDays: calendar.workingDaysBetween(`${year}-01-01`, `${year}-12-31`), days: rows }, null, 2));
      } else {
        console.log(`Lịch làm việc năm ${year}: ${calendar.workingDaysBetween(`${year}-01-01`, `${year}-12-31`)} ngày làm việc`);
        for (const d of rows) {
          console.log(
            `${fmtDate(d.date)}  ${d.weekday.padEnd(9)} ${d.kind === 'off' ? 'NGHỈ  ' : 'LÀM BÙ'}  ${d.reason}${d.provisional ? ' (dự kiến)' : ''} — ${d.source}`,
          );
        }
      }
      return 0;
    });
  }
  if (sub === 'due') {
    const { values } = parseArgs({
      args: rest,
      options: { at: { type: 'string' }, 'working-days': { type: 'string' }, json: { type: 'boolean' } },
    });
    const at = values.at ? new Date(values.at) : undefined;
    const n = Number(values['working-days']);
    if (!at || Number.isNaN(at.getTime())) throw new UsageError('calendar due cần --at <thời điểm ISO>, ví dụ 2026-02-13T09:00:00+07:00.');
    if (!Number.isFinite(n) || n <= 0 || n > 365 || Math.round(n * 2) !== n * 2) {
      throw new UsageError('--working-days phải là số dương, bội của 0,5 (tối đa 365).');
    }
    return withCalendar(databaseUrl, async (calendar) => {
      const due = calendar.dueDate(at, { value: n, unit: 'working_days' });
      if (values.json) console.log(JSON.stringify(due, null, 2));
      else console.log(due.explanation.text);
      return 0;
    });
  }
  throw new UsageError('calendar cần holidays hoặc due.');
}

async function auditCommand(config: ReturnType<typeof loadConfig>, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const db = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
    if (sub === 'verify') {
      const { values } = parseArgs({ args: rest, options: { 'expect-head': { type: 'string' }, json: { type: 'boolean' } } });
      const report = await verifyChain(db.kysely, { expectHead: values['expect-head'] });
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else {
        console.log(
          `${report.ok ? 'Chuỗi nhật ký toàn vẹn / audit chain intact' : 'CHUỖI NHẬT KÝ BỊ SỬA ĐỔI / AUDIT CHAIN BROKEN'}: ` +
            `${report.links} mắt xích, ${report.rowsChecked} dòng đã kiểm, ${report.pruned} dòng đã hết hạn lưu.`,
        );
        console.log(`Đầu chuỗi / head: ${report.head.seq} ${report.head.hash}  (ghi lại để đối chiếu: --expect-head)`);
        for (const p of report.problems) console.log(`  - ${p}`);
      }
      return report.ok ? 0 : 1;
    }
    if (sub === 'prune') {
      const n = await pruneAccessLogs(db.kysely, config.security.auditReadRetentionDays, systemClock.now());
      console.log(`Đã xóa ${n} bản ghi truy cập cũ hơn ${config.security.auditReadRetentionDays} ngày (chuỗi băm giữ nguyên).`);
      return 0;
    }
    throw new UsageError('audit cần verify hoặc prune.');
  } finally {
    await db.close();
  }
}

async function backupCommand(databaseUrl: string, args: string[]): Promise<number> {
  const target = args[0];
  if (!target || args.length > 1) throw new UsageError('backup cần đúng một <file>.');
  if (!databaseUrl.startsWith('sqlite:')) {
    console.error(
      'Với PostgreSQL, hãy dùng công cụ của PostgreSQL / for PostgreSQL use its own tools:\n' +
        '  pg_dump --format=custom --file=motcua.dump "$DATABASE_URL"   (bản sao nhất quán khi đang chạy)\n' +
        '  pg_restore --dbname=<cơ sở dữ liệu mới> motcua.dump',
    );
    return 2;
  }
  const source = sqliteFilename(databaseUrl);
  if (source === ':memory:' || !existsSync(source)) {
    console.error(`Không tìm thấy cơ sở dữ liệu ${source}.`);
    return 1;
  }
  if (existsSync(target)) {
    console.error(`Tệp ${target} đã tồn tại; chọn tên khác.`);
    return 1;
  }
  const sqlite = new SQLite(source, { readonly: true });
  try {
    // SQLite's online backup API: a consistent snapshot while the server keeps writing.
    await sqlite.backup(target);
  } finally {
    sqlite.close();
  }
  console.log(`Đã sao lưu ${source} → ${target}`);
  return 0;
}
