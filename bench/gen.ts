/**
 * Data generator: fills a database with a realistic year of a busy one-stop (or a province's worth).
 *
 *   npm run gen -- --dossiers 1000000 [--database sqlite:./data/bench.sqlite | postgres://…] [--until ISO] [--seed n]
 *
 * Every generated dossier carries its whole event log, and its projection row IS the fold of that log
 * (foldEvents from the product), so the rows satisfy the same invariant the use cases keep. Steps are
 * opened and closed the way handOver() does it, with the same working-calendar arithmetic; dossier codes
 * follow the daily sequence and day_sequence is advanced past them so that live receipts never collide.
 *
 * Speed: rows are built in memory and written in batches inside one transaction per batch — on SQLite
 * through one prepared statement per table (better-sqlite3), on PostgreSQL as INSERT … SELECT FROM
 * unnest($1::int[], $2::text[], …), one parameter per column, which costs about what COPY does.
 */
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { WorkingCalendar } from '../src/domain/calendar/working-calendar.ts';
import { classify } from '../src/domain/dossier/timeliness.ts';
import { type Action, nextStatus, STAGE_OF, type Status, TERMINAL } from '../src/domain/dossier/workflow.ts';
import { isRequiredOn } from '../src/domain/procedure/components.ts';
import type { Channel, Stage } from '../src/domain/procedure/procedure.ts';
import { fold } from '../src/domain/text.ts';
import { openDatabase, sqliteFilename } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { CalendarService } from '../src/server/modules/calendar/calendar.service.ts';
import { findProcedure } from '../src/server/modules/catalog/procedure.repository.ts';
import type { Procedure } from '../src/server/modules/catalog/procedure.ts';
import type { DossierEvent } from '../src/server/modules/dossier/dossier.ts';
import { foldEvents } from '../src/server/modules/dossier/fold-events.ts';
import { readSetting } from '../src/server/modules/settings.repository.ts';
import { seedDatabase } from '../src/server/seed/seed-database.ts';

export interface GenerateOptions {
  dossiers: number;
  databaseUrl: string;
  /** The end of the generated year ("now" for the data): dossiers are received in the 365 days before it. */
  until: Date;
  seed: number;
  batch?: number;
  progress?: boolean;
}

export interface GenerateResult {
  dossiers: number;
  events: number;
  steps: number;
  open: number;
  seconds: number;
}

// --- deterministic randomness (mulberry32) -------------------------------------------------------------
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thanh', 'Hữu', 'Đức', 'Thu', 'Quang', 'Kim', 'Hoài', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến'];
const STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Quang Trung', 'Lý Thường Kiệt', 'Phan Chu Trinh', 'Bạch Đằng'];
const PHONE_PREFIX = ['032', '033', '034', '035', '036', '037', '038', '039', '056', '058', '070', '076', '077', '078', '079', '081', '083', '084', '085', '086', '088', '089', '090', '091', '093', '094', '096', '097', '098'];

/** How often each field comes to a ward's one-stop: certification and civil status dominate. */
function fieldWeight(field: string): number {
  if (field === 'Chứng thực') return 30;
  if (field === 'Hộ tịch') return 12;
  if (field === 'Đăng ký, quản lý cư trú') return 8;
  if (field.startsWith('Thành lập')) return 4;
  if (field === 'Bảo trợ xã hội' || field === 'Người có công') return 3;
  return 1;
}

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

type Staff = { id: number; role: string; divisionId: number | null; fullName: string };

interface Table {
  name: string;
  columns: string[];
  /** PostgreSQL element type per column, for unnest. */
  types: string[];
  rows: unknown[][];
}

interface Writer {
  write(tables: Table[]): Promise<void>;
  close(): Promise<void>;
}

function sqliteWriter(url: string): Writer {
  const db = new SQLite(sqliteFilename(url));
  db.pragma('journal_mode = WAL');
  // Bulk load: the data can be regenerated, so the load itself need not survive a power cut.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const statements = new Map<string, SQLite.Statement>();
  return {
    async write(tables) {
      db.transaction(() => {
        for (const t of tables) {
          let st = statements.get(t.name);
          if (!st) {
            st = db.prepare(`insert into ${t.name} (${t.columns.join(', ')}) values (${t.columns.map(() => '?').join(', ')})`);
            statements.set(t.name, st);
          }
          for (const r of t.rows) st.run(r);
        }
      })();
    },
    async close() {
      db.close();
    },
  };
}

function postgresWriter(url: string): Writer {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async write(tables) {
      await connected;
      await client.query('begin');
      try {
        // Durability of the load is not needed (it can be regenerated); the server's setting is untouched.
        await client.query('set local synchronous_commit = off');
        for (const t of tables) {
          if (t.rows.length === 0) continue;
          const columns = t.columns.map((_, i) => t.rows.map((r) => r[i]));
          const unnest = t.types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
          await client.query(`insert into ${t.name} (${t.columns.join(', ')}) select * from unnest(${unnest})`, columns);
        }
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw err;
      }
    },
    async close() {
      await connected;
      await client.end();
    },
  };
}

function progressBar(done: number, total: number, startedAt: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const elapsed = (Date.now() - startedAt) / 1000;
  const rate = done / Math.max(elapsed, 0.001);
  const eta = rate > 0 ? (total - done) / rate : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor((done / total) * 100)).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${Math.round(rate).toLocaleString('en')} hồ sơ/s · ETA ${Math.ceil(eta)} s `;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const startedAt = Date.now();
  const random = rng(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const untilMs = options.until.getTime();
  const untilIso = options.until.toISOString();

  // --- catalog, staff, calendar through the product's own repositories ---------------------------------
  const db = openDatabase(options.databaseUrl);
  let procedures: { p: Procedure; weight: number }[];
  let staff: Staff[];
  let calendar: WorkingCalendar;
  let unitCode: string;
  let firstId: number;
  try {
    await migrateToLatest(db);
    // The ward and its catalog only: the generated year replaces the demo history.
    await seedDatabase(db.kysely, options.until, { history: false });
    const codes = await db.kysely.selectFrom('procedure').select('code').where('is_active', '=', 1).orderBy('code').execute();
    procedures = [];
    for (const { code } of codes) {
      const p = await findProcedure(db.kysely, code);
      if (p) procedures.push({ p, weight: fieldWeight(p.field) });
    }
    staff = (await db.kysely.selectFrom('staff_user').select(['id', 'role', 'division_id', 'full_name']).where('is_active', '=', 1).execute()).map(
      (s) => ({ id: s.id, role: s.role, divisionId: s.division_id, fullName: s.full_name }),
    );
    calendar = await new CalendarService(db.kysely).current();
    unitCode = (await readSetting<{ code: string }>(db.kysely, 'ward'))?.code ?? 'MOTCUA';
    const max = await db.kysely.selectFrom('dossier').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    firstId = Number(max?.max ?? 0) + 1;
  } finally {
    await db.close();
  }
  const seqRows = new Map<string, number>();
  {
    const d2 = openDatabase(options.databaseUrl);
    for (const r of await d2.kysely.selectFrom('day_sequence').selectAll().execute()) seqRows.set(r.day, r.last);
    await d2.close();
  }

  const totalWeight = procedures.reduce((s, x) => s + x.weight, 0);
  const pickProcedure = (): Procedure => {
    let r = random() * totalWeight;
    for (const x of procedures) {
      r -= x.weight;
      if (r <= 0) return x.p;
    }
    return procedures[procedures.length - 1]!.p;
  };
  const reception = staff.filter((s) => s.role === 'reception');
  const leaders = staff.filter((s) => s.role === 'leader');
  const handlersOf = (divisionId: number) => {
    const own = staff.filter((s) => s.divisionId === divisionId && (s.role === 'specialist' || s.role === 'division_head'));
    return own.length > 0 ? own : staff.filter((s) => s.role === 'specialist');
  };
  const handlerCache = new Map<number, Staff[]>();
  const requiredCache = new Map<string, boolean[]>();

  // Receipts: uniform over the working hours of the working days of the year before `until`.
  const workingDays: number[] = []; // epoch ms of the VN midnight of each working day
  for (let t = untilMs - 365 * DAY_MS; t < untilMs; t += DAY_MS) {
    const local = new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
    if (calendar.isWorkingDay(local)) workingDays.push(Date.parse(`${local}T00:00:00+07:00`));
  }

  const writer = options.databaseUrl.startsWith('sqlite:') ? sqliteWriter(options.databaseUrl) : postgresWriter(options.databaseUrl);
  const batch = options.batch ?? 2000;
  let events = 0;
  let steps = 0;
  let open = 0;
  let id = firstId;

  const D_COLUMNS = [
    'id', 'code', 'procedure_id', 'procedure_code', 'procedure_name', 'channel', 'status', 'resume_status', 'applicant_name',
    'applicant_id_number', 'applicant_phone', 'applicant_email', 'applicant_address', 'search_folded', 'division_id', 'handler_id',
    'approver_role', 'current_stage', 'submitted_at', 'received_at', 'received_by', 'time_value', 'time_unit', 'clock_start_at', 'due_at',
    'original_due_at', 'extended_due_at', 'due_explanation', 'result_ready_at', 'returned_at', 'closed_at', 'supplement_count',
    'extension_count', 'version', 'created_at', 'updated_at', 'apology_status', 'finished_at', 'outcome_original', 'outcome_extended', 'paused_since',
    'due_changed_at',
  ];
  const D_TYPES = [
    'int', 'text', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'int', 'text', 'text',
    'text', 'text', 'int', 'float8', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'int', 'int', 'text', 'text',
    'text', 'text', 'text', 'text', 'text', 'text',
  ];
  const E_COLUMNS = ['dossier_id', 'seq', 'action', 'from_status', 'to_status', 'actor_id', 'actor_role', 'actor_name', 'at', 'reason', 'payload', 'request_id'];
  const E_TYPES = ['int', 'int', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'text', 'text'];
  const S_COLUMNS = ['dossier_id', 'position', 'stage', 'name', 'role', 'division_id', 'handler_id', 'started_at', 'due_at', 'completed_at', 'outcome'];
  const S_TYPES = ['int', 'int', 'text', 'text', 'text', 'int', 'int', 'text', 'text', 'text', 'text'];

  const newTables = (): Table[] => [
    { name: 'dossier', columns: D_COLUMNS, types: D_TYPES, rows: [] },
    { name: 'dossier_component', columns: ['dossier_id', 'component_id'], types: ['int', 'int'], rows: [] },
    { name: 'dossier_event', columns: E_COLUMNS, types: E_TYPES, rows: [] },
    { name: 'dossier_step', columns: S_COLUMNS, types: S_TYPES, rows: [] },
    { name: 'dossier_pause', columns: ['dossier_id', 'kind', 'rule', 'started_at', 'ended_at'], types: ['int', 'text', 'text', 'text', 'text'], rows: [] },
  ];

  // Receipt instants sorted, so that codes follow the daily sequence in time order.
  for (let done = 0; done < options.dossiers; ) {
    const n = Math.min(batch, options.dossiers - done);
    const tables = newTables();
    const [dossierRows, componentRows, eventRows, stepRows, pauseRows] = tables.map((t) => t.rows) as [unknown[][], unknown[][], unknown[][], unknown[][], unknown[][]];
    const receipts: number[] = [];
    // Spread batches over the year in order: batch k covers its slice of working days.
    for (let i = 0; i < n; i++) {
      const pos = (done + i + random()) / options.dossiers;
      const day = workingDays[Math.min(workingDays.length - 1, Math.floor(pos * workingDays.length))]!;
      // 07:30–11:30 and 13:30–16:30 local, the busy part of the sessions.
      const minute = random() < 0.6 ? 450 + Math.floor(random() * 240) : 810 + Math.floor(random() * 180);
      receipts.push(day + minute * 60_000 + Math.floor(random() * 60) * 1000);
    }
    receipts.sort((a, b) => a - b);

    for (const receivedMs of receipts) {
      const dossierId = id++;
      const p = pickProcedure();
      const channel: Channel = p.channels.includes('direct') && random() < 0.7 ? 'direct' : pick(p.channels);
      const localDay = new Date(receivedMs + VN_OFFSET_MS).toISOString().slice(0, 10);
      const seq = (seqRows.get(localDay) ?? 0) + 1;
      seqRows.set(localDay, seq);
      const code = `${unitCode}-${localDay.slice(2, 4)}${localDay.slice(5, 7)}${localDay.slice(8, 10)}-${String(seq).padStart(4, '0')}`;
      const fullName = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
      const idNumber = `0${String(Math.floor(random() * 1e11)).padStart(11, '0')}`;
      const phone = `${pick(PHONE_PREFIX)}${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
      const address = `${1 + Math.floor(random() * 300)} ${pick(STREETS)}, phường Đông Thanh`;
      const key = `${p.id}:${channel}`;
      let required = requiredCache.get(key);
      if (!required) {
        required = p.components.map((c) => isRequiredOn(c, channel));
        requiredCache.set(key, required);
      }
      const components = p.components.filter((c, i) => required![i] || random() < 0.3).map((c) => c.id);
      for (const c of components) componentRows.push([dossierId, c]);
      const receptionist = pick(reception);
      let handlers = handlerCache.get(p.divisionId);
      if (!handlers) {
        handlers = handlersOf(p.divisionId);
        handlerCache.set(p.divisionId, handlers);
      }
      const handler = pick(handlers);
      const approverRole = p.steps.find((s) => s.stage === 'approval')?.role ?? 'leader';
      const approver = approverRole === 'leader' ? pick(leaders) : (staff.find((s) => s.role === approverRole && s.divisionId === p.divisionId) ?? pick(leaders));

      // --- the lifecycle as events, cut at `until` ---------------------------------------------------
      const receivedAt = new Date(receivedMs);
      let due = calendar.dueDate(receivedAt, p.timeLimit);
      const evs: DossierEvent[] = [];
      const add = (action: Action, atMs: number, actor: Staff, payload: Record<string, unknown>, reason: string | null = null) => {
        const prev = evs.length === 0 ? null : foldStatus;
        const to = prev === null ? 'received' : nextStatus(prev, action, resume);
        if (action === 'request_supplement') resume = prev;
        if (action === 'receive_supplement') resume = null;
        evs.push({
          seq: evs.length + 1, action, fromStatus: prev, toStatus: to, actorId: actor.id, actorRole: actor.role, actorName: actor.fullName,
          at: new Date(atMs).toISOString(), reason, payload,
        });
        foldStatus = to;
      };
      let foldStatus: Status = 'received';
      let resume: Status | null = null;
      add('receive', receivedMs, receptionist, {
        channel, procedureCode: p.code, divisionId: p.divisionId, components, dueAt: due.dueAt, clockStartAt: due.startAt, timeLimit: p.timeLimit,
      });
      let clockStartAt = due.startAt;
      let explanation = due.explanation;
      const roll = random();
      let dueMs = Date.parse(due.dueAt);
      // The finishing moment relative to the appointment: most early, some on the day, a few late.
      const fate = random();
      const finishMs = (startMs: number, dueAtMs: number) => {
        const dueDayStart = Date.parse(`${new Date(dueAtMs + VN_OFFSET_MS).toISOString().slice(0, 10)}T00:00:00+07:00`);
        if (fate < 0.08) return dueAtMs + (1 + random() * 9) * DAY_MS * (random() < 0.7 ? 0.3 : 1);
        if (fate < 0.25 || dueDayStart <= startMs) return Math.max(startMs + 60_000, dueDayStart + 7.5 * 3600_000 + random() * Math.max(dueAtMs - dueDayStart - 7.5 * 3600_000, 60_000));
        return startMs + (0.15 + 0.8 * random()) * (dueDayStart - startMs);
      };
      if (roll < 0.02) {
        add('refuse', receivedMs + (5 + random() * 30) * 60_000, receptionist, {}, 'Hồ sơ không thuộc thẩm quyền giải quyết của phường');
      } else if (roll < 0.025) {
        add('withdraw', receivedMs + random() * 3 * DAY_MS, receptionist, {}, 'Người nộp xin rút hồ sơ');
      } else {
        let t = receivedMs + (10 + random() * 120) * 60_000;
        let end = finishMs(receivedMs, dueMs);
        add('assign', t, receptionist, { divisionId: p.divisionId });
        t += (0.05 + random() * 0.1) * (end - receivedMs);
        add('start_processing', t, handler, { handlerId: handler.id });
        if (random() < 0.08) {
          t += (0.05 + random() * 0.1) * (end - receivedMs);
          add('request_supplement', t, handler, {}, 'Bổ sung bản sao giấy tờ còn thiếu theo mẫu 02');
          pauseRows.push([dossierId, 'supplement', 'restart', new Date(t).toISOString(), null]);
          const back = t + (1 + random() * 8) * DAY_MS;
          if (back < untilMs) (pauseRows[pauseRows.length - 1] as unknown[])[4] = new Date(back).toISOString();
          due = calendar.dueDate(new Date(back), p.timeLimit);
          clockStartAt = due.startAt;
          explanation = due.explanation;
          dueMs = Date.parse(due.dueAt);
          add('receive_supplement', back, receptionist, { dueAt: due.dueAt });
          t = back;
          end = finishMs(back, dueMs);
        }
        if (random() < 0.05) {
          t += (0.05 + random() * 0.1) * (end - t);
          add('request_consultation', t, handler, {}, 'Lấy ý kiến cơ quan liên quan');
          t += (0.1 + random() * 0.2) * (end - t);
          add('record_consultation', t, handler, {});
        }
        if (fate < 0.08 && random() < 0.5 && p.timeLimit.unit !== 'same_day' && t < dueMs) {
          // A late dossier whose appointment was moved once, with an apology (form 04): before the old date.
          const newDue = calendar.dueDate(new Date(dueMs), p.timeLimit).dueAt;
          if (Date.parse(newDue) > dueMs) {
            const drafted = t + random() * 0.5 * (dueMs - t);
            add('draft_apology', drafted, handler, { newDueAt: newDue }, 'Cần xác minh thêm; xin lỗi người dân (mẫu 04)');
            const at = drafted + random() * (dueMs - drafted);
            add('extend_deadline', at, pick(leaders), { previousDueAt: new Date(dueMs).toISOString(), newDueAt: newDue }, 'Cần xác minh thêm; xin lỗi người dân (mẫu 04)');
            t = at;
          }
        }
        t += (0.3 + random() * 0.3) * (end - t);
        add('submit_for_approval', t, handler, {});
        if (random() < 0.04) {
          t += 0.2 * (end - t);
          add('send_back', t, approver, {}, 'Bổ sung ý kiến thẩm định');
          t += 0.3 * (end - t);
          add('submit_for_approval', t, handler, {});
        }
        t += (0.3 + random() * 0.3) * (end - t);
        add('approve', t, approver, {});
        t += 0.8 * (end - t);
        add('issue_result', Math.max(t, end - 60_000), handler, {});
        add('return_result', end + random() * 2 * DAY_MS, receptionist, {});
      }
      // What has happened by `until` (events are in time order; later ones have not happened yet).
      const happened = evs.filter((e) => e.at <= untilIso);
      // A dossier whose events run out of order in time (rare jitter) is cut at the first that would follow.
      let cut = happened.length;
      for (let i = 1; i < happened.length; i++) if (happened[i]!.at < happened[i - 1]!.at) { cut = i; break; }
      const log = happened.slice(0, cut);
      if (log.some((e) => e.action === 'receive_supplement') === false) {
        const paused = pauseRows.length > 0 && (pauseRows[pauseRows.length - 1] as unknown[])[0] === dossierId ? (pauseRows[pauseRows.length - 1] as unknown[]) : null;
        if (paused) {
          if (!log.some((e) => e.action === 'request_supplement')) pauseRows.pop();
          else paused[4] = null;
        }
      }
      const lastReceipt = [...log].reverse().find((e) => e.action === 'receive' || e.action === 'receive_supplement')!;
      if (lastReceipt.action === 'receive') {
        const first = calendar.dueDate(receivedAt, p.timeLimit);
        clockStartAt = first.startAt;
        explanation = first.explanation;
      }
      const f = foldEvents(log);
      if (!TERMINAL.has(f.status)) open++;
      // Steps as handOver() keeps them.
      const stepsOf: unknown[][] = [];
      let openStep: unknown[] | null = null;
      let prevStatus: Status | null = null;
      let dossierDue: string | null = null;
      for (const e of log) {
        if (e.action === 'receive' || e.action === 'receive_supplement') dossierDue = (e.payload.dueAt as string) ?? dossierDue;
        const from: Stage | null = prevStatus === null ? null : STAGE_OF[prevStatus];
        const to = STAGE_OF[e.toStatus];
        const force = prevStatus === null || e.action === 'receive_supplement' || e.action === 'send_back';
        prevStatus = e.toStatus;
        if (from === to && !force) continue;
        if (openStep) {
          openStep[9] = e.at;
          openStep[10] = classify(e.at, openStep[8] as string);
          openStep = null;
        }
        if (to === null) continue;
        const defs = p.steps.filter((s) => s.stage === to);
        const hours = defs.reduce((sum, s) => sum + s.hours, 0);
        const at = new Date(e.at);
        const stepDue = hours > 0 ? calendar.addWorkingMinutes(calendar.clockStart(at).startAt, Math.round(hours * 60)).toISOString() : (dossierDue ?? e.at);
        openStep = [
          dossierId, stepsOf.length + 1, to, defs.length > 0 ? defs.map((s) => s.name).join('; ') : STEP_NAME[to], defs[0]?.role ?? STEP_ROLE[to],
          to === 'reception' || to === 'return' ? null : f.divisionId, to === 'reception' || to === 'return' ? null : (f.handlerId ?? null),
          e.at, stepDue, null, null,
        ];
        stepsOf.push(openStep);
      }
      for (const s of stepsOf) stepRows.push(s);
      steps += stepsOf.length;
      for (const e of log) {
        eventRows.push([dossierId, e.seq, e.action, e.fromStatus, e.toStatus, e.actorId, e.actorRole, e.actorName, e.at, e.reason, JSON.stringify(e.payload), null]);
      }
      events += log.length;
      const at = new Date(receivedMs).toISOString();
      const last = log[log.length - 1]!;
      dossierRows.push([
        dossierId, code, p.id, p.code, p.name, channel, f.status, f.resumeStatus, fullName, idNumber, phone, random() < 0.2 ? `${fold(fullName).replaceAll(' ', '.')}@example.vn` : null,
        address, fold(`${code} ${fullName} ${idNumber} ${phone} ${p.name}`), f.divisionId ?? p.divisionId, f.handlerId, approverRole, f.currentStage, at, f.receivedAt, receptionist.id,
        p.timeLimit.value, p.timeLimit.unit, clockStartAt, f.dueAt, f.originalDueAt, f.extendedDueAt, JSON.stringify(explanation), f.resultReadyAt,
        f.returnedAt, f.closedAt, f.supplementCount, f.extensionCount, f.version, at, last.at, f.apologyStatus, f.finishedAt, f.outcomeOriginal, f.outcomeExtended,
        f.pausedSince, f.dueChangedAt,
      ]);
    }
    await writer.write(tables);
    done += n;
    if (options.progress !== false) process.stderr.write(progressBar(done, options.dossiers, startedAt));
  }
  if (options.progress !== false) process.stderr.write('\n');
  await writer.close();

  // Advance the daily sequences past the generated codes; fix PostgreSQL's id sequence; refresh statistics.
  const after = openDatabase(options.databaseUrl);
  try {
    const rows = [...seqRows].map(([day, last]) => ({ day, last }));
    for (let i = 0; i < rows.length; i += 500) {
      await after.kysely
        .insertInto('day_sequence')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ last: eb.ref('excluded.last') })))
        .execute();
    }
    const { sql } = await import('kysely');
    if (after.dialect === 'postgres') {
      await sql`select setval(pg_get_serial_sequence('dossier', 'id'), (select max(id) from dossier))`.execute(after.kysely);
      // The steady state autovacuum keeps: the visibility map set, so the report's covering index
      // (dossier_report, migration 0070) is read without visiting the table.
      await sql`vacuum analyze`.execute(after.kysely);
    } else {
      await sql`analyze`.execute(after.kysely);
    }
  } finally {
    await after.close();
  }
  return { dossiers: options.dossiers, events, steps, open, seconds: (Date.now() - startedAt) / 1000 };
}

const STEP_NAME: Record<Stage, string> = {
  reception: 'Tiếp nhận, số hóa, chuyển hồ sơ',
  assignment: 'Phân công xử lý',
  processing: 'Thẩm định, xử lý hồ sơ',
  approval: 'Lãnh đạo UBND phường phê duyệt, ký',
  issuance: 'Vào sổ, đóng dấu, chuyển kết quả về Một cửa',
  return: 'Trả kết quả',
};
const STEP_ROLE: Record<Stage, string> = {
  reception: 'reception',
  assignment: 'division_head',
  processing: 'specialist',
  approval: 'leader',
  issuance: 'specialist',
  return: 'reception',
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dossiers: { type: 'string', default: '100000' },
      database: { type: 'string' },
      until: { type: 'string', default: '2026-12-01T00:00:00+07:00' },
      seed: { type: 'string', default: '20261201' },
    },
  });
  const dossiers = Number(values.dossiers);
  if (!Number.isInteger(dossiers) || dossiers < 1) throw new Error('--dossiers must be a positive integer');
  const databaseUrl = values.database ?? process.env.DATABASE_URL ?? 'sqlite:./data/bench.sqlite';
  const until = new Date(values.until!);
  console.error(`motcua gen: ${dossiers.toLocaleString('en')} hồ sơ → ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')} (năm kết thúc ${until.toISOString()})`);
  const r = await generate({ dossiers, databaseUrl, until, seed: Number(values.seed) });
  console.error(
    `Xong / done: ${r.dossiers.toLocaleString('en')} hồ sơ, ${r.events.toLocaleString('en')} sự kiện, ${r.steps.toLocaleString('en')} bước, ${r.open.toLocaleString('en')} đang mở — ${r.seconds.toFixed(1)} s (${Math.round(r.dossiers / r.seconds).toLocaleString('en')} hồ sơ/s)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
