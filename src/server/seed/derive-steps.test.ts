import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGES, type TimeLimit } from '../../domain/procedure/procedure.ts';
import {
  allocateHours,
  calendarDaysToWorkingDays,
  deriveSteps,
  derivedStepsNote,
  limitToWorkingHours,
  MAX_FIXED_SHARE,
  WARD_POLICE_PROFILE,
} from './derive-steps.ts';

const hoursOf = (limit: TimeLimit): number[] => deriveSteps(limit).map((s) => s.hours);
const total = (limit: TimeLimit): number => deriveSteps(limit).reduce((sum, s) => sum + s.hours, 0);

describe('limitToWorkingHours', () => {
  it('counts 8 hours per working day and keeps working hours', () => {
    expect(limitToWorkingHours({ value: 3, unit: 'working_days' })).toBe(24);
    expect(limitToWorkingHours({ value: 0.5, unit: 'working_days' })).toBe(4);
    expect(limitToWorkingHours({ value: 168, unit: 'working_hours' })).toBe(168);
    expect(limitToWorkingHours({ value: null, unit: 'same_day' })).toBe(8);
  });

  it('approximates calendar days as 5/7 working days rounded down to a half day', () => {
    expect(calendarDaysToWorkingDays(15)).toBe(10.5);
    expect(calendarDaysToWorkingDays(30)).toBe(21);
    expect(calendarDaysToWorkingDays(45)).toBe(32);
    expect(limitToWorkingHours({ value: 15, unit: 'days' })).toBe(84);
    expect(limitToWorkingHours({ value: 30, unit: 'days' })).toBe(168);
  });

  it('rejects a missing or non-positive value', () => {
    expect(() => limitToWorkingHours({ value: null, unit: 'working_days' })).toThrow(RangeError);
    expect(() => limitToWorkingHours({ value: 0, unit: 'days' })).toThrow(RangeError);
  });
});

describe('deriveSteps', () => {
  it('uses the nominal hours when the limit is long enough: 4, 4, rest, 8, 4, 0', () => {
    expect(hoursOf({ value: 5, unit: 'working_days' })).toEqual([4, 4, 20, 8, 4, 0]);
    expect(hoursOf({ value: 17, unit: 'working_days' })).toEqual([4, 4, 116, 8, 4, 0]);
    expect(hoursOf({ value: 15, unit: 'days' })).toEqual([4, 4, 64, 8, 4, 0]);
  });

  it('uses 1, 0.5, rest, 1, 0.5, 0 for same-day procedures over one working day', () => {
    expect(hoursOf({ value: null, unit: 'same_day' })).toEqual([1, 0.5, 5, 1, 0.5, 0]);
  });

  it('scales the fixed steps down for short limits so processing keeps at least half', () => {
    expect(hoursOf({ value: 1, unit: 'working_days' })).toEqual([0.5, 0.5, 5, 1.5, 0.5, 0]);
    expect(hoursOf({ value: 2, unit: 'working_days' })).toEqual([1.5, 1.5, 8.5, 3, 1.5, 0]);
    expect(hoursOf({ value: 3, unit: 'working_days' })).toEqual([2, 2, 13.5, 4.5, 2, 0]);
    expect(total({ value: 3, unit: 'working_days' })).toBe(24);
  });

  it('returns the six stages in order with the roles of the profile', () => {
    const steps = deriveSteps({ value: 7, unit: 'working_days' }, WARD_POLICE_PROFILE);
    expect(steps.map((s) => s.stage)).toEqual([...STAGES]);
    expect(steps.map((s) => s.role)).toEqual(['reception', 'division_head', 'specialist', 'division_head', 'specialist', 'reception']);
    expect(deriveSteps({ value: 7, unit: 'working_days' }).find((s) => s.stage === 'approval')?.role).toBe('leader');
  });

  it('refuses a limit too short to give every step half an hour', () => {
    expect(() => deriveSteps({ value: 2, unit: 'working_hours' })).toThrow(RangeError);
    expect(hoursOf({ value: 2.5, unit: 'working_hours' })).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0]);
  });

  it('never exceeds the limit, keeps half-hour steps, and gives every step but return some time', () => {
    const limits = fc.oneof(
      fc.record({ value: fc.integer({ min: 1, max: 120 }).map((n) => n / 2), unit: fc.constant('working_days' as const) }),
      fc.record({ value: fc.integer({ min: 3, max: 2000 }), unit: fc.constant('working_hours' as const) }),
      fc.record({ value: fc.integer({ min: 1, max: 365 }), unit: fc.constant('days' as const) }),
      fc.constant({ value: null, unit: 'same_day' as const }),
    );
    fc.assert(
      fc.property(limits, (limit: TimeLimit) => {
        const steps = deriveSteps(limit);
        const sum = steps.reduce((acc, s) => acc + s.hours, 0);
        expect(sum).toBeLessThanOrEqual(limitToWorkingHours(limit));
        expect(limitToWorkingHours(limit) - sum).toBeLessThan(0.5);
        for (const s of steps) {
          expect(s.hours % 0.5).toBe(0);
          if (s.stage === 'return') expect(s.hours).toBe(0);
          else expect(s.hours).toBeGreaterThan(0);
        }
        // Below one working day the half-hour minimum may outweigh the share.
        if (limitToWorkingHours(limit) >= 8) {
          expect(allocateHours(limit).processing).toBeGreaterThanOrEqual(sum * (1 - MAX_FIXED_SHARE));
        }
      }),
    );
  });
});

describe('derivedStepsNote', () => {
  it('says the steps are derived, from which limit, and the calendar-day approximation', () => {
    const limit: TimeLimit = { value: 15, unit: 'days' };
    const note = derivedStepsNote(limit, deriveSteps(limit));
    expect(note).toContain('motcua phân bổ');
    expect(note).toContain('10,5 ngày làm việc = 84 giờ');
    expect(note).toContain('xử lý 64 giờ');
  });
});
