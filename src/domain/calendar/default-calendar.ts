/**
 * motcua's default working calendar (DOMAIN.md 17.2): Monday–Friday, sessions 07:30–11:30 and 13:30–17:30
 * (8 working hours), 15:00 cut-off (Decree 61/2018 Art 18(2), DOMAIN.md 3.5), holidays from the official yearly
 * notices where seeded and the Labour Code pre-fill otherwise. Administrators edit the resulting table.
 */
import { officialDays } from './official-notices.ts';
import { statutoryDays, type StatutoryOptions } from './statutory-holidays.ts';
import type { CalendarSettings, DayRule, Session } from './types.ts';

/**
 * Frozen at run time (mutating it throws); typed as plain Session[] so it can be used directly as a
 * CalendarSettings field. Copy it before editing.
 */
export const DEFAULT_SESSIONS: Session[] = Object.freeze([
  Object.freeze({ start: '07:30', end: '11:30' }),
  Object.freeze({ start: '13:30', end: '17:30' }),
]) as Session[];

export const DEFAULT_CUTOFF = '15:00';

/** Saturday and Sunday: the civil-service 40-hour week (Decision 188/1999/QĐ-TTg). Frozen at run time. */
export const DEFAULT_WEEKEND_DAYS: number[] = Object.freeze([0, 6]) as number[];

function checkYearRange(fromYear: number, toYear: number): void {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`Invalid year range ${fromYear}–${toYear}: expected integers with fromYear <= toYear`);
  }
}

/** Day rules for every year in [fromYear, toYear]: the official notice if seeded, else the statutory pre-fill. */
export function defaultDayRules(fromYear: number, toYear: number, options: StatutoryOptions = {}): DayRule[] {
  checkYearRange(fromYear, toYear);
  const rules: DayRule[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    rules.push(...(officialDays(year) ?? statutoryDays(year, options)));
  }
  return rules;
}

/** Complete default settings with day rules for [fromYear, toYear]; fresh objects the caller may edit. */
export function defaultCalendarSettings(fromYear: number, toYear: number, options: StatutoryOptions = {}): CalendarSettings {
  return {
    sessions: DEFAULT_SESSIONS.map((session) => ({ ...session })),
    weekendDays: [...DEFAULT_WEEKEND_DAYS],
    cutoff: DEFAULT_CUTOFF,
    days: defaultDayRules(fromYear, toYear, options),
  };
}
