/**
 * Legal time: types of the working calendar (DOMAIN.md 7, 8, 17.2–17.3).
 * Calendar dates are PlainDate strings (YYYY-MM-DD) in the legal time zone Asia/Ho_Chi_Minh (UTC+7, no DST
 * since 1975); instants are JS Dates / ISO-8601 UTC strings.
 */
import type { TimeLimit } from '../procedure/procedure.ts';

export type PlainDate = string;

/** One dated exception to the weekly pattern: a day off on a weekday, or a worked Saturday/Sunday. */
export interface DayRule {
  date: PlainDate;
  kind: 'off' | 'work';
  /** Vietnamese, shown to people: "Tết Nguyên Đán (mùng 1)", "Làm bù cho ngày 16/02/2026". */
  reason: string;
  /** Legal source: "Bộ luật Lao động 2019 Điều 112(1)", "Thông báo 9441/TB-BNV (16/10/2025)". */
  source: string;
  /** true when pre-filled by computation and not yet confirmed by an official yearly notice. */
  provisional?: boolean;
}

export interface Session {
  /** Local time "HH:MM". */
  start: string;
  end: string;
}

export interface CalendarSettings {
  /** Default 07:30–11:30 and 13:30–17:30 (8 working hours, DOMAIN.md 17.2). */
  sessions: Session[];
  /** Days of the week that are not working days by default; 0 = Sunday, 6 = Saturday. Default [0, 6]. */
  weekendDays: number[];
  /** Receipts after this local time start the clock at the next working session. Default "15:00" (DOMAIN.md 3.5, 17.3). */
  cutoff: string;
  /** Dated exceptions (holidays, swapped days, worked Saturdays). */
  days: DayRule[];
}

export interface SkippedDay {
  date: PlainDate;
  reason: string;
}

export interface DueDateExplanation {
  /** The rule that fixed the clock start, in Vietnamese ("Tiếp nhận sau 15:00: tính từ 07:30 ngày làm việc tiếp theo"). */
  start: string;
  /** Every calendar day inside [start, due] that was not counted, with why. */
  skipped: SkippedDay[];
  /** One Vietnamese paragraph for people. */
  text: string;
}

export interface DueDate {
  receivedAt: string;
  /** ISO instant the clock started. */
  startAt: string;
  /** ISO instant the result is due. */
  dueAt: string;
  limit: TimeLimit;
  explanation: DueDateExplanation;
}
