/**
 * A demo history for the demo ward: about six months of dossiers and a few complaints (PAKN), written by the
 * real use cases (receiveDossier, performAction, receiveComplaint, handleComplaint) under a ManualClock, so
 * that every row, event, step clock and audit entry is exactly what the product itself would have written.
 * Seeded (mulberry32): the same seed and `now` give the same history. Mix: most dossiers early, some on time,
 * some late (half of those with a signed extension, form 04), supplements (one, rarely an override-free
 * second request is refused by the workflow), refusals at the counter and after appraisal, and dossiers still open at `now`.
 * Every receipt is a citizen of the counter queue (kiosk ticket, called and served by the officer who receives the
 * dossier), a few more come only for guidance, and about two in three returned dossiers are rated, with the
 * follow-ups of the low ratings (demo-activity.ts, through the queue and ratings use cases).
 * FICTIONAL DEMO DATA: applicants are invented names with invalid-looking but well-formed numbers.
 */
import type { Kysely } from 'kysely';
import type { Action } from '../../domain/dossier/workflow.ts';
import { isRequiredOn } from '../../domain/procedure/components.ts';
import type { Role } from '../../domain/procedure/procedure.ts';
import type { Procedure } from '../modules/catalog/procedure.ts';
import { ManualClock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { CalendarService } from '../modules/calendar/calendar.service.ts';
import { findProcedure } from '../modules/catalog/procedure.repository.ts';
import { handleComplaint } from '../modules/complaint/handle-complaint.ts';
import { receiveComplaint } from '../modules/complaint/receive-complaint.ts';
import { type ActionInput, performAction } from '../modules/dossier/perform-action.ts';
import { receiveDossier } from '../modules/dossier/receive-dossier.ts';
import type { DossierDeps } from '../modules/dossier/use-case.ts';
import { readSetting } from '../modules/settings.repository.ts';
import { demoQueue, demoRatings, vnDay } from './demo-activity.ts';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Hữu', 'Thanh', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến'];
const STREETS = ['Lê Lợi', 'Trần Phú', 'Nguyễn Du', 'Quang Trung', 'Lý Thường Kiệt', 'Hai Bà Trưng', 'Phan Đình Phùng'];
const COMPLAINTS: [string, 'procedure' | 'staff' | 'other'][] = [
  ['Hồ sơ của tôi đã quá ngày hẹn nhưng chưa nhận được thông báo nào, đề nghị phường kiểm tra.', 'procedure'],
  ['Cán bộ tiếp nhận hướng dẫn chưa đầy đủ nên tôi phải đi lại hai lần.', 'staff'],
  ['Đề nghị niêm yết rõ hơn mức phí, lệ phí tại quầy tiếp nhận.', 'procedure'],
  ['Khu vực chờ thiếu ghế ngồi vào buổi sáng thứ Hai.', 'other'],
  ['Cảm ơn cán bộ hộ tịch đã hỗ trợ nhiệt tình, đề nghị phường biểu dương.', 'staff'],
];

export interface DemoHistoryResult {
  dossiers: number;
  returned: number;
  late: number;
  extended: number;
  supplemented: number;
  refused: number;
  open: number;
  complaints: number;
  /** Satisfaction ratings given (dossiers and counter enquiries), those that opened a follow-up, and those the monitor resolved. */
  ratings: number;
  followUps: number;
  followUpsResolved: number;
  /** Counter queue tickets issued at the kiosk (receipts and enquiries), and the no-shows the counter skipped. */
  tickets: number;
  skipped: number;
  ms: number;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Writes the history into `db` (call it inside the seeding transaction). */
export async function seedDemoHistory(db: Kysely<Database>, now: Date, options: { dossiers?: number; seed?: number; months?: number } = {}): Promise<DemoHistoryResult> {
  const started = Date.now();
  const rnd = mulberry32(options.seed ?? 2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const n = options.dossiers ?? 300;
  const calendar = await new CalendarService(db).current();
  const clock = new ManualClock(now);
  const unitCode = (await readSetting<{ code: string }>(db, 'ward'))?.code ?? 'MOTCUA';
  const deps: DossierDeps = { db, clock, calendar, unitCode };
  const staff = await db.selectFrom('staff_user').select(['id', 'username', 'full_name', 'role', 'division_id']).where('is_active', '=', 1).execute();
  const actors: Actor[] = staff.map((s) => ({ id: s.id, username: s.username, fullName: s.full_name, role: s.role as Role, divisionId: s.division_id }));
  const byRole = (role: Role, divisionId?: number) => actors.filter((a) => a.role === role && (divisionId === undefined || a.divisionId === divisionId));
  const reception = byRole('reception');
  const leaders = byRole('leader');
  const monitor = byRole('monitor')[0];

  // Procedures with a time limit in working days that the counter receives directly; the common ones weigh more.
  const rows = await db.selectFrom('procedure').select(['code', 'time_value', 'time_unit', 'channels']).where('is_active', '=', 1).orderBy('code').execute();
  const codes = rows.filter((r) => r.time_value !== null && r.time_value > 0 && r.time_unit === 'working_days' && (JSON.parse(r.channels) as string[]).includes('direct')).map((r) => r.code);
  const procedures: Procedure[] = [];
  for (const code of codes) {
    const p = await findProcedure(db, code);
    if (p) procedures.push(p);
  }
  if (procedures.length === 0 || reception.length === 0 || leaders.length === 0) throw new Error('demo history: the catalog and the demo staff must be seeded first');
  const common = procedures.filter((p) => p.timeLimit.value !== null && p.timeLimit.value <= 10);

  // Receipt moments: working days of the last `months` months, office hours, in time order.
  const months = options.months ?? 6;
  const from = now.getTime() - months * 30 * DAY;
  const moments: number[] = [];
  while (moments.length < n) {
    const day = from + Math.floor(rnd() * ((now.getTime() - DAY - from) / DAY)) * DAY;
    const vnDate = new Date(day + 7 * HOUR).toISOString().slice(0, 10);
    if (!calendar.isWorkingDay(vnDate)) continue;
    // 07:45–16:30 in Vietnam.
    const minutes = 45 + Math.floor(rnd() * 525);
    moments.push(Date.parse(`${vnDate}T07:00:00+07:00`) + minutes * 60_000);
  }
  moments.sort((a, b) => a - b);

  const result: DemoHistoryResult = {
    dossiers: 0, returned: 0, late: 0, extended: 0, supplemented: 0, refused: 0, open: 0, complaints: 0,
    ratings: 0, followUps: 0, followUpsResolved: 0, tickets: 0, skipped: 0, ms: 0,
  };
  const handled: string[] = [];
  const queue = await demoQueue(db, reception, mulberry32(((options.seed ?? 2026) ^ 0x5bd1e995) >>> 0), result);
  const ratings = demoRatings(db, monitor, queue.rnd, now, result);

  /** One in-person receipt at `at`: the citizen's ticket, the dossier, then its whole handling up to `now`. */
  const receiveAt = async (at: number) => {
    const p = rnd() < 0.8 && common.length ? pick(common) : pick(procedures);
    const visit = await queue.startVisit(at, queue.areaOf(p.field));
    const counter = visit.officer;
    clock.set(new Date(at));
    const name = `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    const dossier = await receiveDossier(
      deps,
      counter,
      {
        procedureCode: p.code,
        channel: 'direct',
        applicant: {
          fullName: name,
          idNumber: `0380${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
          phone: `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
          email: null,
          address: `Số ${1 + Math.floor(rnd() * 200)}, đường ${pick(STREETS)}, phường Đông Thanh`,
        },
        submittedComponents: p.components.filter((c) => isRequiredOn(c, 'direct')).map((c) => c.id),
      },
      null,
    );
    result.dossiers++;
    await visit.finish(dossier.code, at);
    const code = dossier.code;
    let t = at;
    let open = true;
    /** Takes the action at `t` unless that moment is still in the future (the dossier stays open). */
    const step = async (ms: number, actor: Actor, action: Action, input: ActionInput = {}) => {
      if (!open) return false;
      t += ms;
      if (t >= now.getTime()) {
        open = false;
        result.open++;
        return false;
      }
      clock.set(new Date(t));
      await performAction(deps, actor, code, action, input, null);
      return true;
    };
    const roll = rnd();
    if (roll < 0.03) {
      await step(20 * 60_000, counter, 'refuse', { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của phường; đã hướng dẫn nộp tại cơ quan có thẩm quyền.' });
      if (open) result.refused++;
      return;
    }
    const dueAt = Date.parse(dossier.dueAt!);
    const span = Math.max(dueAt - at, 4 * HOUR);
    const head = byRole('division_head', dossier.divisionId)[0];
    const specialists = byRole('specialist', dossier.divisionId);
    const handler = specialists.length ? pick(specialists) : head;
    if (!head || !handler) return;
    const approver = dossier.approverRole === 'leader' ? pick(leaders) : head;
    let supplementedHere = false;
    if (rnd() < 0.1) {
      if (await step(15 * 60_000, counter, 'request_supplement', {
          reason: 'Bổ sung bản sao giấy tờ theo danh mục thành phần hồ sơ của thủ tục.',
          // Form 02 lists every missing item at once, from the procedure's own components.
          items: [{ componentId: (p.components.find((c) => c.isMandatory) ?? p.components[0]!).id, note: 'Bản sao có chứng thực' }],
        })) {
        result.supplemented++;
        supplementedHere = true;
      }
      await step((1 + Math.floor(rnd() * 3)) * DAY, counter, 'receive_supplement');
    }
    await step(30 * 60_000, counter, 'assign');
    await step((1 + rnd() * 3) * HOUR, head, 'start_processing', { handlerId: handler.id });
    const currentDue = async () => Date.parse((await db.selectFrom('dossier').select('due_at').where('code', '=', code).executeTakeFirstOrThrow()).due_at!);
    // Share of the time limit the handling takes: mostly early, some on time, about one in ten late.
    const fate = rnd();
    const fraction = fate < 0.72 ? 0.3 + rnd() * 0.45 : fate < 0.88 ? 0.8 + rnd() * 0.15 : 1.05 + rnd() * 0.6;
    if (fate > 0.97) {
      await step(span * 0.4, handler, 'refuse', { reason: 'Kết quả thẩm định: người nộp không đủ điều kiện theo quy định.' });
      if (open) result.refused++;
      return;
    }
    const due = open ? await currentDue() : dueAt;
    const startOfClock = t;
    const target = startOfClock + Math.max(fraction * (due - startOfClock), HOUR);
    if (fraction > 1 && rnd() < 0.5 && open) {
      // The handling unit sees it coming: the Chairman signs an apology with a new appointment (form 04).
      const signAt = Math.max(t + HOUR, due - 6 * HOUR) - t;
      const newDue = calendar.dueDate(new Date(due), { value: Math.max(1, Math.ceil((p.timeLimit.value ?? 2) / 2)), unit: 'working_days' }).dueAt;
      // The division drafts it first (form 04); the leader signs the drafted date.
      await step(Math.max(signAt - HOUR, 30 * 60_000), handler, 'draft_apology', {
        reason: 'Cần xác minh thêm thông tin với cơ quan liên quan; phường xin lỗi người dân.',
        newDueAt: newDue,
      });
      if (await step(HOUR, pick(leaders), 'extend_deadline', { reason: 'Cần xác minh thêm thông tin với cơ quan liên quan; phường xin lỗi người dân.', newDueAt: newDue })) result.extended++;
    }
    await step(Math.max(target - t - 2 * HOUR, 30 * 60_000), handler, 'submit_for_approval');
    await step(HOUR, approver, 'approve');
    await step(30 * 60_000, handler, 'issue_result');
    const late = open && t > due;
    if (late) result.late++;
    if (await step((0.2 + rnd() * 2) * DAY, counter, 'return_result')) {
      result.returned++;
      await ratings.rateDossier(dossier.id, t, { late, supplemented: supplementedHere });
    }
    handled.push(code);
  };

  // Day by day: the counters open, the citizens of the day come (receipts and enquiries, in time order), the counters close.
  const receiptsByDay = new Map<string, number[]>();
  for (const at of moments) {
    const day = vnDay(at);
    receiptsByDay.set(day, [...(receiptsByDay.get(day) ?? []), at]);
  }
  let week: string | null = null;
  let lastDate: string | null = null;
  for (let day = from; day < now.getTime() - DAY; day += DAY) {
    const date = vnDay(day);
    if (!calendar.isWorkingDay(date)) continue;
    const enquiries = queue.enquiryTimes(date);
    const events = [...(receiptsByDay.get(date) ?? []).map((at) => ({ at, receipt: true })), ...enquiries.map((at) => ({ at, receipt: false }))].sort((a, b) => a.at - b.at);
    if (events.length === 0) continue;
    // The counter roster changes weekly (Monday of the ISO week).
    const monday = vnDay(day - ((new Date(day + 7 * HOUR).getUTCDay() + 6) % 7) * DAY);
    if (monday !== week) {
      if (lastDate) await queue.closeWeek(lastDate);
      await queue.openWeek(date);
      week = monday;
    }
    queue.startDay();
    for (const e of events) {
      if (e.receipt) await receiveAt(e.at);
      else await queue.enquiry(e.at, ratings);
    }
    lastDate = date;
  }
  if (lastDate) await queue.closeWeek(lastDate);

  // A few complaints (PAKN) spread over the period, most answered by the TTHC control officer.
  const complaints = Math.max(3, Math.round(n / 40));
  for (let i = 0; i < complaints; i++) {
    const [content, category] = COMPLAINTS[i % COMPLAINTS.length]!;
    const at = moments[Math.floor(rnd() * moments.length)]! + 2 * DAY;
    if (at >= now.getTime()) continue;
    clock.set(new Date(at));
    const row = await receiveComplaint(
      { db, clock, calendar, random: (k) => Math.floor(rnd() * k) },
      i % 2 === 0 ? pick(reception) : null,
      {
        channel: i % 2 === 0 ? 'counter' : 'web',
        category,
        content,
        submitterName: `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
        phone: `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
        dossierCode: category === 'procedure' && handled.length ? pick(handled) : null,
      },
    );
    result.complaints++;
    const answerAt = at + (2 + rnd() * (i % 4 === 3 ? 20 : 8)) * DAY;
    if (!monitor || answerAt >= now.getTime()) continue;
    clock.set(new Date(answerAt));
    await handleComplaint({ db, clock, calendar }, monitor, row.tracking_code, 'answer', {
      answer: 'Phường đã kiểm tra, trao đổi với bộ phận liên quan và trả lời người dân; cảm ơn ý kiến đóng góp.',
      substantiated: category === 'staff' && i % 3 === 1,
    });
  }
  result.ms = Date.now() - started;
  return result;
}
