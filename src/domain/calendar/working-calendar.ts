/**
 * The working calendar and due-date arithmetic (DOMAIN.md 7, 17.2–17.3).
 *
 * Design for speed (≥ 10 million due dates per second): everything is precomputed at construction over a
 * fixed span of years (default 1900–2199) as typed arrays indexed by integer day number:
 *   - working[i]           1 if day i is a working day;
 *   - ordinal[i]           number of working days before day i;
 *   - workingDayIndex[k]   the day index of the k-th working day.
 * Every working day has the same sessions, so "working time" is a single integer axis: position =
 * ordinal × minutesPerWorkingDay + minutes worked earlier that day. Adding a limit is an addition on that
 * axis, and turning a position back into an instant is one division plus two table look-ups
 * (dueMinuteAtOffset / startMinuteAtOffset). No Date objects and no strings on that path
 * (see dueAtEpochMs); dueDate() adds the Vietnamese explanation and ISO strings on top.
 *
 * Time resolution is the whole minute in local time UTC+7 (legal-time.ts): seconds of an instant are dropped.
 */
import type { TimeLimit } from '../procedure/procedure.ts';
import {
  type ClockStartKind,
  describeClockStart,
  explanationText,
} from './due-date-explanation.ts';
import {
  LEGAL_UTC_OFFSET_MINUTES,
  MINUTES_PER_DAY,
  MS_PER_MINUTE,
  epochMsOfLocalMinute,
  localMinuteOf,
  parseClock,
} from './legal-time.ts';
import { daysFromCivil, daysToPlainDate, parsePlainDate, plainDateToDays, weekdayOf } from './plain-date.ts';
import type { CalendarSettings, DayRule, DueDate, PlainDate, Session, SkippedDay } from './types.ts';
import { weekdayLabel } from './vietnamese-format.ts';

export type { ClockStartKind } from './due-date-explanation.ts';

export interface DayInfo {
  date: PlainDate;
  isWorkingDay: boolean;
  /** Why the day differs from an ordinary weekday: the rule's reason, or "Thứ Bảy"/"Chủ nhật"; null otherwise. */
  reason: string | null;
  /** Legal source of the day rule; null for ordinary weekdays and weekly rest days. */
  source: string | null;
}

export interface ClockStart {
  startAt: Date;
  /** Vietnamese sentence naming the rule (also DueDateExplanation.start). */
  rule: string;
  kind: ClockStartKind;
}

export interface WorkingCalendarOptions {
  /** First and last year of the precomputed span (default 1900–2199); instants outside it throw RangeError. */
  fromYear?: number;
  toYear?: number;
}

const DEFAULT_FROM_YEAR = 1900;
const DEFAULT_TO_YEAR = 2199;

interface SessionMinutes {
  start: number;
  end: number;
}

function normaliseSessions(sessions: readonly Session[]): SessionMinutes[] {
  if (!Array.isArray(sessions) || sessions.length === 0) throw new RangeError('Calendar needs at least one session');
  const parsed = sessions
    .map((s) => ({ start: parseClock(s.start, 'session start'), end: parseClock(s.end, 'session end') }))
    .sort((a, b) => a.start - b.start);
  let previousEnd = -1;
  for (const session of parsed) {
    if (session.end <= session.start) {
      throw new RangeError(`Session ${session.start}–${session.end} (minutes) must end after it starts`);
    }
    if (session.start < previousEnd) throw new RangeError('Sessions must not overlap');
    previousEnd = session.end;
  }
  return parsed;
}

function checkTimeLimitValue(limit: TimeLimit): number {
  const value = limit.value;
  if (value === null || value === undefined) {
    throw new RangeError(`A "${limit.unit}" time limit requires a value (only "same_day" has none)`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`Time-limit value must be a finite non-negative number, got ${String(value)}`);
  }
  return value;
}

function checkInstant(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid ${what}: expected a valid Date`);
  return ms;
}

export class WorkingCalendar {
  /** The settings in force, sessions sorted (a frozen copy). */
  readonly settings: Readonly<CalendarSettings>;
  readonly fromYear: number;
  readonly toYear: number;
  /** Length of a working day (sum of the sessions): 480 minutes with the default sessions. */
  readonly minutesPerWorkingDay: number;

  private readonly firstDay: number;
  private readonly dayCount: number;
  private readonly working: Uint8Array;
  private readonly ordinal: Int32Array;
  private readonly workingDayIndex: Int32Array;
  private readonly rules: ReadonlyMap<number, DayRule>;
  private readonly weekend: readonly boolean[];
  private readonly sessions: readonly SessionMinutes[];
  private readonly cutoffMinute: number;
  private readonly lastSessionEnd: number;
  /** workedBefore[m]: minutes of sessions before minute-of-day m (0…1440). */
  private readonly workedBefore: Int16Array;
  /** dueMinuteAtOffset[r]: the earliest minute of day at which r minutes (1…D) have been worked, so a session end. */
  private readonly dueMinuteAtOffset: Int16Array;
  /** startMinuteAtOffset[r]: the minute of day where working minute r (0…D−1) begins, so a session start. */
  private readonly startMinuteAtOffset: Int16Array;
  /**
   * clockStartOffset[m]: on a working day, the position within the day of a clock started by a receipt at
   * minute m: workedBefore[m] up to the cut-off, the whole day (next working day's start) after it.
   */
  private readonly clockStartOffset: Int16Array;
  /** dayPosition[i]: position of the start of day i on the working-time axis (ordinal × day length). */
  private readonly dayPosition: Float64Array;
  /** workingDayMinute[k]: local minute of midnight starting the k-th working day of the span. */
  private readonly workingDayMinute: Float64Array;

  constructor(settings: CalendarSettings, options: WorkingCalendarOptions = {}) {
    const fromYear = options.fromYear ?? DEFAULT_FROM_YEAR;
    const toYear = options.toYear ?? DEFAULT_TO_YEAR;
    if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || fromYear < 1 || toYear > 9999) {
      throw new RangeError(`Invalid calendar span ${fromYear}–${toYear}`);
    }
    this.fromYear = fromYear;
    this.toYear = toYear;

    this.sessions = normaliseSessions(settings.sessions);
    this.lastSessionEnd = this.sessions[this.sessions.length - 1]!.end;
    this.cutoffMinute = parseClock(settings.cutoff, 'cut-off');
    const weekend = [false, false, false, false, false, false, false];
    for (const day of settings.weekendDays) {
      if (!Number.isInteger(day) || day < 0 || day > 6) throw new RangeError(`Invalid weekend day ${day}: expected 0–6`);
      weekend[day] = true;
    }
    this.weekend = weekend;

    this.firstDay = daysFromCivil(fromYear, 1, 1);
    this.dayCount = daysFromCivil(toYear, 12, 31) - this.firstDay + 1;
    this.rules = this.indexRules(settings.days);

    // Per-day index.
    this.working = new Uint8Array(this.dayCount);
    this.ordinal = new Int32Array(this.dayCount + 1);
    let count = 0;
    for (let i = 0; i < this.dayCount; i += 1) {
      const day = this.firstDay + i;
      const rule = this.rules.get(day);
      const isWorking = rule ? rule.kind === 'work' : !weekend[weekdayOf(day)];
      this.ordinal[i] = count;
      if (isWorking) {
        this.working[i] = 1;
        count += 1;
      }
    }
    this.ordinal[this.dayCount] = count;
    this.workingDayIndex = new Int32Array(count);
    for (let i = 0, k = 0; i < this.dayCount; i += 1) if (this.working[i] === 1) this.workingDayIndex[k++] = i;

    // Per-minute-of-day tables.
    const dayLength = this.sessions.reduce((sum, s) => sum + s.end - s.start, 0);
    this.minutesPerWorkingDay = dayLength;
    this.workedBefore = new Int16Array(MINUTES_PER_DAY + 1);
    for (let m = 0; m <= MINUTES_PER_DAY; m += 1) {
      let worked = 0;
      for (const s of this.sessions) worked += Math.max(0, Math.min(m, s.end) - s.start);
      this.workedBefore[m] = worked;
    }
    this.dueMinuteAtOffset = new Int16Array(dayLength + 1);
    this.startMinuteAtOffset = new Int16Array(dayLength);
    let before = 0;
    for (const s of this.sessions) {
      for (let m = s.start; m < s.end; m += 1) {
        this.startMinuteAtOffset[before + m - s.start] = m;
        this.dueMinuteAtOffset[before + m - s.start + 1] = m + 1;
      }
      before += s.end - s.start;
    }
    this.dueMinuteAtOffset[0] = this.sessions[0]!.start;
    this.clockStartOffset = new Int16Array(MINUTES_PER_DAY);
    for (let m = 0; m < MINUTES_PER_DAY; m += 1) {
      this.clockStartOffset[m] = m <= this.cutoffMinute && m < this.lastSessionEnd ? this.workedBefore[m]! : dayLength;
    }
    this.dayPosition = new Float64Array(this.dayCount);
    for (let i = 0; i < this.dayCount; i += 1) this.dayPosition[i] = this.ordinal[i]! * dayLength;
    this.workingDayMinute = new Float64Array(count);
    for (let k = 0; k < count; k += 1) this.workingDayMinute[k] = (this.workingDayIndex[k]! + this.firstDay) * MINUTES_PER_DAY;

    this.settings = Object.freeze({
      sessions: Object.freeze(settings.sessions.map((s) => ({ ...s })).sort((a, b) => (a.start < b.start ? -1 : 1))),
      weekendDays: Object.freeze([...settings.weekendDays]),
      cutoff: settings.cutoff,
      days: Object.freeze(settings.days.map((d) => Object.freeze({ ...d }))),
    }) as Readonly<CalendarSettings>;
  }

  private indexRules(days: readonly DayRule[]): Map<number, DayRule> {
    const rules = new Map<number, DayRule>();
    for (const rule of days) {
      const { year } = parsePlainDate(rule.date);
      if (rule.kind !== 'off' && rule.kind !== 'work') {
        throw new RangeError(`Invalid day-rule kind ${JSON.stringify(rule.kind)} for ${rule.date}`);
      }
      if (year < this.fromYear || year > this.toYear) {
        throw new RangeError(`Day rule ${rule.date} is outside the calendar span ${this.fromYear}–${this.toYear}`);
      }
      const day = plainDateToDays(rule.date);
      if (rules.has(day)) throw new RangeError(`Two day rules for ${rule.date}`);
      rules.set(day, rule);
    }
    return rules;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Days

  private indexOfDay(day: number): number {
    const index = day - this.firstDay;
    // Written so that NaN fails too (the hot path relies on it instead of a separate Number.isFinite).
    if (!(index >= 0 && index < this.dayCount)) {
      if (!Number.isFinite(day)) throw new RangeError('Invalid instant: expected a finite time value');
      throw new RangeError(`${daysToPlainDate(day)} is outside the calendar span ${this.fromYear}–${this.toYear}`);
    }
    return index;
  }

  private indexOfDate(date: PlainDate): number {
    return this.indexOfDay(plainDateToDays(date));
  }

  /** Why day `index` is not an ordinary weekday (rule reason or weekday name), or null. */
  private reasonAt(index: number): string | null {
    const day = index + this.firstDay;
    const rule = this.rules.get(day);
    if (rule) return rule.reason;
    return this.weekend[weekdayOf(day)] ? weekdayLabel(day) : null;
  }

  dayInfo(date: PlainDate): DayInfo {
    const index = this.indexOfDate(date);
    const rule = this.rules.get(index + this.firstDay);
    return {
      date,
      isWorkingDay: this.working[index] === 1,
      reason: this.reasonAt(index),
      source: rule ? rule.source : null,
    };
  }

  isWorkingDay(date: PlainDate): boolean {
    return this.working[this.indexOfDate(date)] === 1;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: PlainDate): PlainDate {
    const k = this.ordinal[this.indexOfDate(date) + 1]!;
    return daysToPlainDate(this.workingDayAt(k) + this.firstDay);
  }

  /**
   * Working days after `a` up to and including `b` (so Monday → Tuesday is 1, Friday → Monday is 1);
   * negative when `b` is before `a`.
   */
  workingDaysBetween(a: PlainDate, b: PlainDate): number {
    return this.ordinal[this.indexOfDate(b) + 1]! - this.ordinal[this.indexOfDate(a) + 1]!;
  }

  /** Local minute of midnight starting the k-th working day (k ≥ 0). */
  private workingDayMinuteAt(k: number): number {
    if (k >= this.workingDayMinute.length) {
      throw new RangeError(`The result is after the calendar span ${this.fromYear}–${this.toYear}`);
    }
    return this.workingDayMinute[k]!;
  }

  private workingDayAt(k: number): number {
    if (k >= this.workingDayIndex.length) {
      throw new RangeError(`The result is after the calendar span ${this.fromYear}–${this.toYear}`);
    }
    return this.workingDayIndex[k]!;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Positions on the working-time axis (hot path: numbers only)

  /** Position of the clock start for a receipt (DOMAIN.md 17.3): cut-off, weekends and breaks applied. */
  private clockStartPosition(receivedAtMs: number): number {
    const localMinute = Math.floor(receivedAtMs / MS_PER_MINUTE) + LEGAL_UTC_OFFSET_MINUTES;
    const day = Math.floor(localMinute / MINUTES_PER_DAY);
    const index = this.indexOfDay(day);
    // Before the first session or in a break, workedBefore equals the position of the next session start;
    // after the cut-off or on a day off, the clock starts with the next working day.
    return this.working[index] === 1
      ? this.dayPosition[index]! + this.clockStartOffset[localMinute - day * MINUTES_PER_DAY]!
      : this.dayPosition[index]!;
  }

  /** Position of an arbitrary instant, no cut-off: outside sessions it equals the next session start. */
  private instantPosition(epochMs: number): number {
    const localMinute = localMinuteOf(epochMs);
    const day = Math.floor(localMinute / MINUTES_PER_DAY);
    const index = this.indexOfDay(day);
    const base = this.ordinal[index]! * this.minutesPerWorkingDay;
    return this.working[index] === 1 ? base + this.workedBefore[localMinute - day * MINUTES_PER_DAY]! : base;
  }

  /** Position at which `limit` runs out for a clock started at `start`. */
  private targetPosition(start: number, limit: TimeLimit): number {
    const perDay = this.minutesPerWorkingDay;
    switch (limit.unit) {
      case 'working_days':
        return start + Math.round(checkTimeLimitValue(limit) * perDay);
      case 'working_hours':
        return start + Math.round(checkTimeLimitValue(limit) * 60);
      case 'same_day':
        return (Math.floor(start / perDay) + 1) * perDay;
      case 'days': {
        const lastDay = this.nominalLastDayIndex(start, limit);
        // ordinal[lastDay] is the number of the first working day on or after the last day (Civil Code Art 148).
        return (this.ordinal[lastDay]! + 1) * perDay;
      }
      default:
        throw new RangeError(`Unknown time-limit unit ${JSON.stringify((limit as { unit: unknown }).unit)}`);
    }
  }

  /**
   * Calendar-day limits (Civil Code 2015 Arts 144–148, DOMAIN.md 7): the period starts the day after the event
   * (Art 147), here the clock-start date, so its last day is clock-start date + N.
   */
  private nominalLastDayIndex(start: number, limit: TimeLimit): number {
    const value = checkTimeLimitValue(limit);
    if (!Number.isInteger(value)) throw new RangeError(`A "days" time limit must be a whole number, got ${value}`);
    const index = this.workingDayAt(Math.floor(start / this.minutesPerWorkingDay)) + value;
    if (index >= this.dayCount) throw new RangeError(`The result is after the calendar span ${this.fromYear}–${this.toYear}`);
    return index;
  }

  /** Local minute of a due position: within office hours, a session end when it lands on one. */
  private dueLocalMinute(position: number): number {
    const perDay = this.minutesPerWorkingDay;
    const k = Math.floor((position - 1) / perDay);
    return this.workingDayMinuteAt(k) + this.dueMinuteAtOffset[position - k * perDay]!;
  }

  /** Local minute of a start position: a session start when it lands on a boundary. */
  private startLocalMinute(position: number): number {
    const perDay = this.minutesPerWorkingDay;
    const k = Math.floor(position / perDay);
    return this.workingDayMinuteAt(k) + this.startMinuteAtOffset[position - k * perDay]!;
  }

  /**
   * Hot path: the due instant in epoch milliseconds for a receipt in epoch milliseconds. Same result as
   * dueDate(...).dueAt, without allocating. Throws RangeError on bad input.
   */
  dueAtEpochMs(receivedAtMs: number, limit: TimeLimit): number {
    const start = this.clockStartPosition(receivedAtMs);
    const target = this.targetPosition(start, limit);
    return epochMsOfLocalMinute(target === start ? this.startLocalMinute(start) : this.dueLocalMinute(target));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Instants

  clockStart(receivedAt: Date): ClockStart {
    const receivedMs = checkInstant(receivedAt, 'receipt instant');
    const startMinute = this.startLocalMinute(this.clockStartPosition(receivedMs));
    const received = localMinuteOf(receivedMs);
    const receivedDay = Math.floor(received / MINUTES_PER_DAY);
    const kind = this.clockStartKind(received);
    const rule = describeClockStart({
      kind,
      startDay: Math.floor(startMinute / MINUTES_PER_DAY),
      startMinute: startMinute % MINUTES_PER_DAY,
      cutoffMinute: this.cutoffMinute,
      lastSessionEnd: this.lastSessionEnd,
      nonWorkingReason: kind === 'non_working_day' ? this.reasonAt(receivedDay - this.firstDay) : null,
    });
    return { startAt: new Date(epochMsOfLocalMinute(startMinute)), rule, kind };
  }

  private clockStartKind(localMinute: number): ClockStartKind {
    const day = Math.floor(localMinute / MINUTES_PER_DAY);
    const minute = localMinute - day * MINUTES_PER_DAY;
    if (this.working[this.indexOfDay(day)] !== 1) return 'non_working_day';
    if (minute >= this.lastSessionEnd) return 'after_hours';
    if (minute > this.cutoffMinute) return 'after_cutoff';
    if (minute < this.sessions[0]!.start) return 'before_hours';
    return this.sessions.some((s) => minute >= s.start && minute < s.end) ? 'in_session' : 'break';
  }

  /**
   * `minutes` working minutes after `start` (no cut-off applied). The result lies in office hours; when the
   * time runs out exactly at the end of a session the result is that session end (17:30, not 07:30 next day).
   * 0 minutes returns `start` (to the minute).
   */
  addWorkingMinutes(start: Date, minutes: number): Date {
    const startMs = checkInstant(start, 'start instant');
    if (!Number.isSafeInteger(minutes) || minutes < 0) {
      throw new RangeError(`Working minutes must be a non-negative integer, got ${minutes}`);
    }
    if (minutes === 0) return new Date(epochMsOfLocalMinute(localMinuteOf(startMs)));
    return new Date(epochMsOfLocalMinute(this.dueLocalMinute(this.instantPosition(startMs) + minutes)));
  }

  /**
   * Working minutes from `a` to `b` (negative when `b` is earlier). Instants outside office hours count from
   * the next session start, so "how much working time is left before the deadline" is exact to the minute.
   */
  workingMinutesBetween(a: Date, b: Date): number {
    return this.instantPosition(checkInstant(b, 'end instant')) - this.instantPosition(checkInstant(a, 'start instant'));
  }

  /**
   * The appointment for a receipt (DOMAIN.md 17.3):
   * - working_days: value × the working-day length (8 hours by default; 0.5 = 4 hours);
   * - working_hours: value × 60 working minutes;
   * - same_day: the end of the last session of the clock-start day (value ignored);
   * - days: calendar days (Civil Code 2015 Arts 144–148): clock-start date + value; a last day that is not a
   *   working day moves to the next working day (Art 148); due at the end of the last session.
   * Limits resolve to whole minutes (rounded).
   */
  dueDate(receivedAt: Date, limit: TimeLimit): DueDate {
    const receivedMs = checkInstant(receivedAt, 'receipt instant');
    const start = this.clockStartPosition(receivedMs);
    const target = this.targetPosition(start, limit);
    const startMinute = this.startLocalMinute(start);
    const dueMinute = target === start ? startMinute : this.dueLocalMinute(target);
    const startDay = Math.floor(startMinute / MINUTES_PER_DAY);
    const dueDay = Math.floor(dueMinute / MINUTES_PER_DAY);

    const nominalLastDay = limit.unit === 'days' ? this.nominalLastDayIndex(start, limit) + this.firstDay : null;
    const skipped = this.skippedDays(nominalLastDay ?? startDay + 1, dueDay);
    const clock = this.clockStart(receivedAt);
    const received = localMinuteOf(receivedMs);
    const text = explanationText({
      receivedDay: Math.floor(received / MINUTES_PER_DAY),
      receivedMinute: ((received % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY,
      start: clock.rule,
      limit,
      minutesPerWorkingDay: this.minutesPerWorkingDay,
      skipped,
      nominalLastDay,
      dueDay,
      dueMinute: dueMinute - dueDay * MINUTES_PER_DAY,
    });
    return {
      receivedAt: new Date(receivedMs).toISOString(),
      startAt: new Date(epochMsOfLocalMinute(startMinute)).toISOString(),
      dueAt: new Date(epochMsOfLocalMinute(dueMinute)).toISOString(),
      limit: { value: limit.value, unit: limit.unit },
      explanation: { start: clock.rule, skipped, text },
    };
  }

  /** Non-working days in [fromDay, toDay) with their reasons. */
  private skippedDays(fromDay: number, toDay: number): SkippedDay[] {
    const skipped: SkippedDay[] = [];
    for (let day = fromDay; day < toDay; day += 1) {
      const index = day - this.firstDay;
      if (this.working[index] !== 1) skipped.push({ date: daysToPlainDate(day), reason: this.reasonAt(index) ?? '' });
    }
    return skipped;
  }
}
