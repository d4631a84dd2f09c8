/**
 * A deliberately naive due-date computation, used only by tests as an oracle for WorkingCalendar.
 *
 * It shares no code with working-calendar.ts: it uses JS Date in UTC (shifted by +7 hours) for calendar
 * arithmetic, looks day rules up by scanning the settings array, and walks day by day and session by session.
 * It implements the rules as written in DOMAIN.md 17.3 and the WorkingCalendar doc comments:
 * - instants are taken to the whole minute (seconds dropped);
 * - the clock starts at receipt inside a session; at the next session start in a break or before the first
 *   session; at the first session of the next working day on a non-working day, after the cut-off (strictly
 *   later than it) or from the end of the last session;
 * - working_days = value × (sum of session lengths) minutes, working_hours = value × 60, rounded to the minute;
 *   time that runs out exactly at a session end is due at that session end;
 * - same_day = end of the last session of the clock-start day;
 * - days = clock-start date + value, moved forward to a working day, due at the end of the last session.
 */
import type { TimeLimit } from '../procedure/procedure.ts';
import type { CalendarSettings } from './types.ts';

const OFFSET_MS = 7 * 60 * 60 * 1000;

interface LocalDay {
  year: number;
  month: number; // 1-12
  day: number;
}

function toMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

function isoOf(d: LocalDay): string {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).toISOString().slice(0, 10);
}

function nextDay(d: LocalDay): LocalDay {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function addDays(d: LocalDay, n: number): LocalDay {
  let result = d;
  for (let i = 0; i < n; i += 1) result = nextDay(result);
  return result;
}

function isWorking(settings: CalendarSettings, d: LocalDay): boolean {
  const iso = isoOf(d);
  const rule = settings.days.find((r) => r.date === iso);
  if (rule) return rule.kind === 'work';
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return !settings.weekendDays.includes(weekday);
}

function nextWorkingDay(settings: CalendarSettings, d: LocalDay): LocalDay {
  let day = nextDay(d);
  while (!isWorking(settings, day)) day = nextDay(day);
  return day;
}

function instant(d: LocalDay, minuteOfDay: number): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day, 0, minuteOfDay) - OFFSET_MS);
}

/** The due instant of `limit` for a receipt at `receivedAt`, computed the slow way. */
export function referenceDueDate(settings: CalendarSettings, receivedAt: Date, limit: TimeLimit): Date {
  const sessions = settings.sessions
    .map((s) => ({ start: toMinutes(s.start), end: toMinutes(s.end) }))
    .sort((a, b) => a.start - b.start);
  const firstStart = sessions[0]!.start;
  const lastEnd = sessions[sessions.length - 1]!.end;
  const cutoff = toMinutes(settings.cutoff);

  const local = new Date(Math.floor(receivedAt.getTime() / 60_000) * 60_000 + OFFSET_MS);
  let day: LocalDay = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
  let minute = local.getUTCHours() * 60 + local.getUTCMinutes();

  // Clock start.
  if (!isWorking(settings, day) || minute > cutoff || minute >= lastEnd) {
    day = nextWorkingDay(settings, day);
    minute = firstStart;
  } else if (!sessions.some((s) => minute >= s.start && minute < s.end)) {
    minute = sessions.find((s) => s.start > minute)!.start;
  }

  if (limit.unit === 'same_day') return instant(day, lastEnd);
  if (limit.unit === 'days') {
    let last = addDays(day, limit.value!);
    while (!isWorking(settings, last)) last = nextDay(last);
    return instant(last, lastEnd);
  }

  const dayLength = sessions.reduce((sum, s) => sum + s.end - s.start, 0);
  let remaining = Math.round(limit.value! * (limit.unit === 'working_days' ? dayLength : 60));
  if (remaining === 0) return instant(day, minute);
  for (;;) {
    for (const session of sessions) {
      if (session.end <= minute) continue;
      const from = Math.max(session.start, minute);
      const available = session.end - from;
      if (remaining <= available) return instant(day, from + remaining);
      remaining -= available;
    }
    day = nextWorkingDay(settings, day);
    minute = 0;
  }
}
