import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CUTOFF,
  DEFAULT_SESSIONS,
  DEFAULT_WEEKEND_DAYS,
  defaultCalendarSettings,
  defaultDayRules,
} from './default-calendar.ts';
import { officialDays } from './official-notices.ts';
import { statutoryDays } from './statutory-holidays.ts';

describe('default calendar (DOMAIN.md 17.2)', () => {
  it('has two sessions of 4 hours, Saturday and Sunday off, a 15:00 cut-off', () => {
    expect(DEFAULT_SESSIONS).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(DEFAULT_WEEKEND_DAYS).toEqual([0, 6]);
    expect(DEFAULT_CUTOFF).toBe('15:00');
    expect(() => (DEFAULT_SESSIONS as { start: string }[]).push({ start: '18:00' })).toThrow(TypeError);
  });

  it('uses the official notice where seeded and the statutory pre-fill elsewhere', () => {
    expect(defaultDayRules(2025, 2027)).toEqual([...officialDays(2025)!, ...officialDays(2026)!, ...statutoryDays(2027)]);
    expect(defaultDayRules(2027, 2027).every((r) => r.provisional === true)).toBe(true);
  });

  it('passes the 24/11 option on to the pre-fill', () => {
    const withMakeUp = defaultDayRules(2029, 2029);
    const without = defaultDayRules(2029, 2029, { makeUpCultureDay: false });
    expect(withMakeUp.length - without.length).toBe(1);
  });

  it('builds fresh, editable settings', () => {
    const a = defaultCalendarSettings(2026, 2026);
    const b = defaultCalendarSettings(2026, 2026);
    a.sessions[0]!.start = '08:00';
    a.weekendDays.push(5);
    expect(b.sessions[0]!.start).toBe('07:30');
    expect(b.weekendDays).toEqual([0, 6]);
    expect(a.days).not.toBe(b.days);
  });

  it('rejects an inverted year range', () => {
    expect(() => defaultDayRules(2027, 2026)).toThrow(RangeError);
  });
});
