/**
 * Vietnamese wording of a due-date computation (DOMAIN.md 17.3: "each stored due date keeps its explanation,
 * days skipped and why"). Pure string building; the numbers come from WorkingCalendar.
 */
import type { TimeLimit } from '../procedure/procedure.ts';
import type { SkippedDay } from './types.ts';
import { plainDateToDays } from './plain-date.ts';
import { formatClock, formatDayMonthYear, formatDuration, formatNumber, formatWeekdayDate } from './vietnamese-format.ts';

/** Which rule fixed the clock start (DOMAIN.md 17.3). */
export type ClockStartKind =
  /** Received inside a session: the clock starts at receipt. */
  | 'in_session'
  /** Received on a working day before the first session: starts at the first session. */
  | 'before_hours'
  /** Received between two sessions (lunch break): starts at the next session. */
  | 'break'
  /** Received after the cut-off (15:00): starts at the first session of the next working day. */
  | 'after_cutoff'
  /** Received after the last session: starts at the first session of the next working day. */
  | 'after_hours'
  /** Received on a weekend, holiday or swapped day off: starts at the first session of the next working day. */
  | 'non_working_day';

export interface ClockStartFacts {
  kind: ClockStartKind;
  /** Day number and local minute of the clock start. */
  startDay: number;
  startMinute: number;
  cutoffMinute: number;
  lastSessionEnd: number;
  /** Why the day of receipt is not a working day (kind 'non_working_day'). */
  nonWorkingReason: string | null;
}

/** One sentence: the rule that fixed the clock start, e.g. "Tiếp nhận sau 15:00: tính từ 07:30 ngày làm việc tiếp theo (…)". */
export function describeClockStart(facts: ClockStartFacts): string {
  const at = formatClock(facts.startMinute);
  const day = formatWeekdayDate(facts.startDay);
  switch (facts.kind) {
    case 'in_session':
      return `Tiếp nhận trong giờ làm việc: tính từ lúc tiếp nhận (${at} ${day}).`;
    case 'before_hours':
      return `Tiếp nhận trước giờ làm việc: tính từ ${at} cùng ngày (${day}).`;
    case 'break':
      return `Tiếp nhận trong giờ nghỉ giữa hai buổi làm việc: tính từ ${at} cùng ngày (${day}).`;
    case 'after_cutoff':
      return `Tiếp nhận sau ${formatClock(facts.cutoffMinute)}: tính từ ${at} ngày làm việc tiếp theo (${day}).`;
    case 'after_hours':
      return `Tiếp nhận sau giờ làm việc (sau ${formatClock(facts.lastSessionEnd)}): tính từ ${at} ngày làm việc tiếp theo (${day}).`;
    case 'non_working_day':
      return `Tiếp nhận vào ngày nghỉ – ${facts.nonWorkingReason ?? 'không làm việc'}: tính từ ${at} ngày làm việc tiếp theo (${day}).`;
  }
}

/** "2 ngày làm việc (16 giờ làm việc)", "3 giờ làm việc", "trong ngày (…)", "6 ngày theo lịch (…)". */
export function describeLimit(limit: TimeLimit, minutesPerWorkingDay: number): string {
  const value = limit.value ?? 0;
  switch (limit.unit) {
    case 'working_days':
      return `${formatNumber(value)} ngày làm việc (${formatDuration(Math.round(value * minutesPerWorkingDay))} làm việc)`;
    case 'working_hours':
      return `${formatNumber(value)} giờ làm việc`;
    case 'same_day':
      return 'trong ngày (đến hết giờ làm việc của ngày bắt đầu tính)';
    case 'days':
      return `${formatNumber(value)} ngày theo lịch (tính cả ngày nghỉ, Bộ luật Dân sự 2015 Điều 144–148)`;
  }
}

const listSkipped = (skipped: readonly SkippedDay[]): string =>
  skipped.map((s) => `${formatDayMonthYear(plainDateToDays(s.date))} – ${s.reason}`).join('; ');

export interface ExplanationFacts {
  receivedDay: number;
  receivedMinute: number;
  start: string;
  limit: TimeLimit;
  minutesPerWorkingDay: number;
  skipped: readonly SkippedDay[];
  /** Calendar-day limits only: the last day of the period before moving it to a working day. */
  nominalLastDay: number | null;
  dueDay: number;
  dueMinute: number;
}

/** The one-paragraph explanation stored with the due date. */
export function explanationText(facts: ExplanationFacts): string {
  const sentences = [
    `Hồ sơ được tiếp nhận lúc ${formatClock(facts.receivedMinute)} ${formatWeekdayDate(facts.receivedDay)}.`,
    facts.start,
    `Thời hạn giải quyết: ${describeLimit(facts.limit, facts.minutesPerWorkingDay)}.`,
  ];
  if (facts.limit.unit === 'days') {
    // Weekends inside a calendar-day period count; only a last day that is not a working day moves the end
    // (Civil Code 2015 Art 148).
    if (facts.skipped.length > 0 && facts.nominalLastDay !== null) {
      sentences.push(
        `Ngày cuối của thời hạn (${formatDayMonthYear(facts.nominalLastDay)}) là ngày nghỉ nên hạn chuyển sang ` +
          `ngày làm việc tiếp theo; không tính: ${listSkipped(facts.skipped)}.`,
      );
    }
  } else if (facts.skipped.length === 0) {
    sentences.push('Không có ngày nghỉ xen giữa.');
  } else {
    sentences.push(`Không tính ${facts.skipped.length} ngày nghỉ: ${listSkipped(facts.skipped)}.`);
  }
  sentences.push(`Hạn trả kết quả: ${formatClock(facts.dueMinute)} ${formatWeekdayDate(facts.dueDay)}.`);
  return sentences.join(' ');
}
