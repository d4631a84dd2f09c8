import { describe, expect, it } from 'vitest';
import { DEFAULT_CUTOFF, DEFAULT_SESSIONS, defaultCalendarSettings } from './default-calendar.ts';
import { localInstant, localText } from './test-helpers.ts';
import type { CalendarSettings, DayRule } from './types.ts';
import { WorkingCalendar } from './working-calendar.ts';

const calendar = new WorkingCalendar(defaultCalendarSettings(2024, 2027));

const weeklyOnly = (overrides: Partial<CalendarSettings> = {}): CalendarSettings => ({
  sessions: [...DEFAULT_SESSIONS],
  weekendDays: [0, 6],
  cutoff: DEFAULT_CUTOFF,
  days: [],
  ...overrides,
});

describe('dayInfo', () => {
  it('describes ordinary days, weekends, holidays and worked Saturdays', () => {
    expect(calendar.dayInfo('2026-01-12')).toEqual({ date: '2026-01-12', isWorkingDay: true, reason: null, source: null });
    expect(calendar.dayInfo('2026-01-17')).toEqual({ date: '2026-01-17', isWorkingDay: false, reason: 'Thứ Bảy', source: null });
    expect(calendar.dayInfo('2026-01-18')).toMatchObject({ isWorkingDay: false, reason: 'Chủ nhật' });
    expect(calendar.dayInfo('2026-02-17')).toEqual({
      date: '2026-02-17',
      isWorkingDay: false,
      reason: 'Tết Nguyên Đán (mùng 1 Tết)',
      source: 'Thông báo 9441/TB-BNV (16/10/2025)',
    });
    expect(calendar.dayInfo('2026-01-10')).toEqual({
      date: '2026-01-10',
      isWorkingDay: true,
      reason: 'Làm bù cho ngày 02/01/2026',
      source: 'Công văn 12729/VPCP-KGVX',
    });
  });

  it('uses the weekly pattern alone outside the years with day rules', () => {
    expect(calendar.dayInfo('1995-09-02')).toMatchObject({ isWorkingDay: false, reason: 'Thứ Bảy' });
    expect(calendar.isWorkingDay('1995-09-04')).toBe(true);
    expect(calendar.isWorkingDay('2100-12-31')).toBe(true); // a Friday
    expect(calendar.isWorkingDay('1990-01-01')).toBe(true);
  });

  it('rejects malformed dates and dates outside the span', () => {
    expect(() => calendar.dayInfo('2026-13-01')).toThrow(RangeError);
    expect(() => calendar.dayInfo('26-01-01')).toThrow(/YYYY-MM-DD/);
    expect(() => calendar.dayInfo('1899-12-31')).toThrow(/outside the calendar span 1900–2199/);
    expect(() => calendar.dayInfo('2200-01-01')).toThrow(RangeError);
  });
});

describe('working-day navigation', () => {
  it('nextWorkingDay is strictly after the date', () => {
    expect(calendar.nextWorkingDay('2026-01-12')).toBe('2026-01-13');
    expect(calendar.nextWorkingDay('2026-01-16')).toBe('2026-01-19');
    expect(calendar.nextWorkingDay('2026-01-09')).toBe('2026-01-10'); // worked Saturday
    expect(calendar.nextWorkingDay('2026-04-29')).toBe('2026-05-04');
  });

  it('workingDaysBetween counts the working days after a up to and including b', () => {
    expect(calendar.workingDaysBetween('2026-01-12', '2026-01-13')).toBe(1);
    expect(calendar.workingDaysBetween('2026-01-16', '2026-01-19')).toBe(1);
    expect(calendar.workingDaysBetween('2026-01-16', '2026-01-17')).toBe(0);
    expect(calendar.workingDaysBetween('2026-01-12', '2026-01-12')).toBe(0);
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(calendar.workingDaysBetween('2026-01-13', '2026-01-12')).toBe(-1);
  });
});

describe('addWorkingMinutes', () => {
  const add = (start: string, minutes: number): string => localText(calendar.addWorkingMinutes(localInstant(start), minutes));

  it('walks through sessions and stops at a session end when the minutes run out there', () => {
    expect(add('2026-01-12 10:00', 30)).toBe('2026-01-12 10:30');
    expect(add('2026-01-12 10:00', 90)).toBe('2026-01-12 11:30');
    expect(add('2026-01-12 10:00', 91)).toBe('2026-01-12 13:31');
    expect(add('2026-01-12 16:30', 60)).toBe('2026-01-12 17:30');
    expect(add('2026-01-12 16:30', 61)).toBe('2026-01-13 07:31');
  });

  it('starts outside office hours at the next session, without any cut-off', () => {
    expect(add('2026-01-12 16:00', 30)).toBe('2026-01-12 16:30');
    expect(add('2026-01-12 12:00', 1)).toBe('2026-01-12 13:31');
    expect(add('2026-01-17 09:00', 480)).toBe('2026-01-19 17:30');
    expect(add('2026-01-12 10:00', 0)).toBe('2026-01-12 10:00');
  });

  it('rejects bad input', () => {
    expect(() => calendar.addWorkingMinutes(new Date(NaN), 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingMinutes(new Date(), -1)).toThrow(/non-negative integer/);
    expect(() => calendar.addWorkingMinutes(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('dueAtEpochMs (allocation-free hot path)', () => {
  it('agrees with dueDate and validates like it', () => {
    const received = localInstant('2026-02-12 09:00');
    for (const limit of [
      { unit: 'working_days', value: 3 },
      { unit: 'working_hours', value: 7 },
      { unit: 'days', value: 10 },
      { unit: 'same_day', value: null },
    ] as const) {
      expect(new Date(calendar.dueAtEpochMs(received.getTime(), limit)).toISOString()).toBe(calendar.dueDate(received, limit).dueAt);
    }
    expect(() => calendar.dueAtEpochMs(NaN, { unit: 'working_days', value: 1 })).toThrow(RangeError);
    expect(() => calendar.dueAtEpochMs(Number.POSITIVE_INFINITY, { unit: 'working_days', value: 1 })).toThrow(RangeError);
    expect(() => calendar.dueAtEpochMs(received.getTime(), { unit: 'working_days', value: 1e12 })).toThrow(/after the calendar span/);
  });
});

describe('custom settings', () => {
  it('a working day is the sum of the sessions (here 3 sessions, 6 hours)', () => {
    const custom = new WorkingCalendar(
      weeklyOnly({
        sessions: [
          { start: '14:00', end: '16:00' },
          { start: '08:00', end: '10:00' },
          { start: '10:30', end: '12:30' },
        ],
        cutoff: '16:00',
      }),
    );
    expect(custom.minutesPerWorkingDay).toBe(360);
    expect(custom.settings.sessions.map((s) => s.start)).toEqual(['08:00', '10:30', '14:00']);
    const result = custom.dueDate(localInstant('2026-01-12 10:15'), { unit: 'working_days', value: 1 });
    expect(localText(result.startAt)).toBe('2026-01-12 10:30');
    // 2 + 2 hours on Monday, then the 08:00–10:00 session ends exactly when the 6 hours run out.
    expect(localText(result.dueAt)).toBe('2026-01-13 10:00');
    expect(localText(custom.clockStart(localInstant('2026-01-12 15:59')).startAt)).toBe('2026-01-12 15:59');
  });

  it('a one-day weekend', () => {
    const sixDays = new WorkingCalendar(weeklyOnly({ weekendDays: [0] }));
    expect(sixDays.nextWorkingDay('2026-01-16')).toBe('2026-01-17');
  });

  it('rejects invalid settings', () => {
    const rule: DayRule = { date: '2026-01-12', kind: 'off', reason: 'x', source: 'y' };
    expect(() => new WorkingCalendar(weeklyOnly({ sessions: [] }))).toThrow(/at least one session/);
    expect(() => new WorkingCalendar(weeklyOnly({ sessions: [{ start: '09:00', end: '08:00' }] }))).toThrow(/end after/);
    expect(
      () =>
        new WorkingCalendar(
          weeklyOnly({
            sessions: [
              { start: '08:00', end: '12:00' },
              { start: '11:00', end: '13:00' },
            ],
          }),
        ),
    ).toThrow(/overlap/);
    expect(() => new WorkingCalendar(weeklyOnly({ cutoff: '3pm' }))).toThrow(/cut-off/);
    expect(() => new WorkingCalendar(weeklyOnly({ sessions: [{ start: '7:30', end: '11:30' }] }))).toThrow(/HH:MM/);
    expect(() => new WorkingCalendar(weeklyOnly({ weekendDays: [7] }))).toThrow(/weekend day/);
    expect(() => new WorkingCalendar(weeklyOnly({ days: [rule, rule] }))).toThrow(/Two day rules/);
    expect(() => new WorkingCalendar(weeklyOnly({ days: [{ ...rule, kind: 'holiday' as never }] }))).toThrow(/kind/);
    expect(() => new WorkingCalendar(weeklyOnly({ days: [rule] }), { fromYear: 2027, toYear: 2030 })).toThrow(/outside/);
    expect(() => new WorkingCalendar(weeklyOnly(), { fromYear: 2030, toYear: 2027 })).toThrow(/span/);
  });

  it('does not keep references to the caller’s settings', () => {
    const settings = defaultCalendarSettings(2026, 2026);
    const own = new WorkingCalendar(settings);
    settings.days.length = 0;
    settings.sessions[0]!.start = '09:00';
    expect(own.isWorkingDay('2026-02-17')).toBe(false);
    expect(own.settings.days.length).toBeGreaterThan(0);
    expect(own.settings.sessions[0]!.start).toBe('07:30');
  });
});
