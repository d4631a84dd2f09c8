/**
 * Public API of the legal calendar: lunar dates, holiday pre-fill, official notices, default settings and the
 * WorkingCalendar that computes due dates (DOMAIN.md 7, 8, 17.2–17.3).
 */
export type * from './types.ts';
export { hungKingsDate, lunarToSolar, solarToLunar, tetDate, type LunarDate } from './lunar.ts';
export { statutoryDays, type StatutoryOptions } from './statutory-holidays.ts';
export { OFFICIAL_NOTICE_YEARS, officialDays, officialNoticeSources } from './official-notices.ts';
export {
  DEFAULT_CUTOFF,
  DEFAULT_SESSIONS,
  DEFAULT_WEEKEND_DAYS,
  defaultCalendarSettings,
  defaultDayRules,
} from './default-calendar.ts';
export {
  WorkingCalendar,
  type ClockStart,
  type ClockStartKind,
  type DayInfo,
  type WorkingCalendarOptions,
} from './working-calendar.ts';
