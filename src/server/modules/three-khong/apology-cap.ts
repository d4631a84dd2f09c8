import type { WorkingCalendar } from '../../../domain/calendar/working-calendar.ts';
import type { TimeLimit } from '../../../domain/procedure/procedure.ts';
import type { ThreeKhongRules } from './rules.ts';

/**
 * The latest new return date form 04 may propose (DOMAIN.md 17.5, configurable): by default the current
 * appointment plus the dossier's legal time limit again (the limit fixed at receipt), or a set number of
 * working days. The server refuses a later date; the dossier page shows this date beside the picker.
 */
export function apologyDateCap(calendar: WorkingCalendar, rules: ThreeKhongRules, dossier: { dueAt: string; timeLimit: TimeLimit }): string {
  const due = new Date(dossier.dueAt);
  return rules.apology.cap.mode === 'working_days'
    ? calendar.addWorkingMinutes(due, Math.round(rules.apology.cap.workingDays * calendar.minutesPerWorkingDay)).toISOString()
    : calendar.dueDate(due, dossier.timeLimit).dueAt;
}
