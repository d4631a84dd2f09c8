/**
 * Deadline watch arithmetic ("không trễ hẹn", DOMAIN.md 12 and 17.5): pure functions over the working calendar.
 */
import { daysToPlainDate, plainDateToDays } from '../calendar/plain-date.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { vnDay } from './timeliness.ts';

export const RISK_LEVELS = ['due_soon', 'due_today', 'overdue'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
/** Stored warning levels: the three risk levels plus the forecast that the remaining steps cannot fit. */
export type WarningLevel = RiskLevel | 'forecast_late';

export const WARNING_LABEL_VI: Record<WarningLevel, string> = {
  due_soon: 'Sắp đến hạn',
  due_today: 'Đến hạn hôm nay',
  overdue: 'Quá hạn',
  forecast_late: 'Dự báo trễ hạn',
};

/** Most severe first, for sorting and for the "worst" badge. */
export const SEVERITY: Record<WarningLevel, number> = { overdue: 4, due_today: 3, forecast_late: 2, due_soon: 1 };

/** The risk of something due at `dueAt`, seen at `now`; null when comfortably in time. */
export function riskLevel(calendar: WorkingCalendar, now: Date, dueAt: Date, dueSoonWorkingDays: number): RiskLevel | null {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  if (vnDay(now.toISOString()) === vnDay(dueAt.toISOString())) return 'due_today';
  const left = calendar.workingMinutesBetween(now, dueAt);
  return left <= dueSoonWorkingDays * calendar.minutesPerWorkingDay ? 'due_soon' : null;
}

/** The same local time `n` working days before `dueAt` (the T−1 working day of Decree 61 Art 19(9)). */
export function workingDaysBefore(calendar: WorkingCalendar, dueAt: Date, n: number): Date {
  const local = new Date(dueAt.getTime() + 7 * 3600_000);
  let day = plainDateToDays(local.toISOString().slice(0, 10));
  let found = 0;
  while (found < n) {
    day -= 1;
    if (calendar.isWorkingDay(daysToPlainDate(day))) found += 1;
  }
  const timeOfDay = local.getTime() - plainDateToDays(local.toISOString().slice(0, 10)) * 86_400_000;
  return new Date(day * 86_400_000 + timeOfDay - 7 * 3600_000);
}

/**
 * Forecast: can the remaining internal steps (their allotted working minutes) still fit before the appointment?
 * Returns the shortfall in working minutes (> 0 means the dossier will be late unless someone acts).
 */
export function forecastShortfall(calendar: WorkingCalendar, now: Date, dueAt: Date, neededWorkingMinutes: number): number {
  const available = Math.max(0, calendar.workingMinutesBetween(now, dueAt));
  return neededWorkingMinutes - available;
}
