import type { Kysely } from 'kysely';
import { DEFAULT_CUTOFF, DEFAULT_SESSIONS } from '../../../domain/calendar/default-calendar.ts';
import type { CalendarSettings } from '../../../domain/calendar/types.ts';
import { WorkingCalendar } from '../../../domain/calendar/working-calendar.ts';
import type { Database } from '../../db/schema.ts';
import { readSetting } from '../settings.repository.ts';
import { listDayRules } from './calendar.repository.ts';

export type CalendarHours = Pick<CalendarSettings, 'sessions' | 'weekendDays' | 'cutoff'>;

export const DEFAULT_HOURS: CalendarHours = { sessions: DEFAULT_SESSIONS.map((s) => ({ ...s })), weekendDays: [0, 6], cutoff: DEFAULT_CUTOFF };

/**
 * The ward's working calendar, built from the calendar_day table and the office-hours setting.
 * Cached in the process; an edit here invalidates it at once, and other processes reload within
 * RELOAD_MS. Deadlines already stored never move: they were computed at their transition.
 */
export class CalendarService {
  private cached: { calendar: WorkingCalendar; loadedAt: number } | undefined;
  static readonly RELOAD_MS = 30_000;

  constructor(private readonly db: Kysely<Database>) {}

  async current(): Promise<WorkingCalendar> {
    const now = Date.now();
    if (this.cached && now - this.cached.loadedAt < CalendarService.RELOAD_MS) return this.cached.calendar;
    const [days, hours] = await Promise.all([
      listDayRules(this.db),
      readSetting<CalendarHours>(this.db, 'calendar.hours'),
    ]);
    const calendar = new WorkingCalendar({ ...(hours ?? DEFAULT_HOURS), days });
    this.cached = { calendar, loadedAt: now };
    return calendar;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
