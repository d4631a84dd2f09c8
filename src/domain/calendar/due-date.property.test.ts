/**
 * Property tests: the indexed WorkingCalendar agrees exactly with the naive reference (reference-due-date.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeLimit } from '../procedure/procedure.ts';
import { defaultCalendarSettings } from './default-calendar.ts';
import { daysFromCivil, daysToPlainDate } from './plain-date.ts';
import { referenceDueDate } from './reference-due-date.ts';
import type { CalendarSettings, DayRule } from './types.ts';
import { WorkingCalendar } from './working-calendar.ts';

const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;
/** Local midnight (UTC+7) of a day number, in epoch ms. */
const localMidnightMs = (dayNumber: number): number => dayNumber * DAY_MS - OFFSET_MS;

function receiptArbitrary(fromYear: number, toYear: number, interestingMinutes: readonly number[]): fc.Arbitrary<number> {
  const firstDay = daysFromCivil(fromYear, 1, 1);
  const lastDay = daysFromCivil(toYear, 12, 31);
  const anyInstant = fc.integer({ min: localMidnightMs(firstDay), max: localMidnightMs(lastDay + 1) - 1 });
  // Receipts near session boundaries and the cut-off, where off-by-one errors live.
  const nearBoundary = fc
    .tuple(fc.integer({ min: firstDay, max: lastDay }), fc.constantFrom(...interestingMinutes), fc.integer({ min: 0, max: 59_999 }))
    .map(([day, minute, ms]) => localMidnightMs(day) + minute * 60_000 + ms);
  return fc.oneof(anyInstant, nearBoundary);
}

const limitArbitrary: fc.Arbitrary<TimeLimit> = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((halves): TimeLimit => ({ unit: 'working_days', value: halves / 2 })),
  fc.integer({ min: 1, max: 200 }).map((hours): TimeLimit => ({ unit: 'working_hours', value: hours })),
  fc.integer({ min: 1, max: 60 }).map((days): TimeLimit => ({ unit: 'days', value: days })),
  fc.constant<TimeLimit>({ unit: 'same_day', value: null }),
);

describe('WorkingCalendar.dueDate equals the naive reference', () => {
  const settings = defaultCalendarSettings(2023, 2032);
  const calendar = new WorkingCalendar(settings);
  // 07:30, 11:30, 13:30, 15:00, 17:30 and their neighbours, plus midnight.
  const interesting = [0, 449, 450, 451, 689, 690, 691, 809, 810, 811, 899, 900, 901, 1049, 1050, 1051, 1439];

  it('for the default calendar, 2023–2031', () => {
    fc.assert(
      fc.property(receiptArbitrary(2023, 2031, interesting), limitArbitrary, (receivedMs, limit) => {
        const receivedAt = new Date(receivedMs);
        const expected = referenceDueDate(settings, receivedAt, limit).toISOString();
        const result = calendar.dueDate(receivedAt, limit);
        expect(result.dueAt).toBe(expected);
        expect(new Date(calendar.dueAtEpochMs(receivedMs, limit)).toISOString()).toBe(expected);
        // The due moment never precedes the clock start, which never precedes the receipt (to the minute).
        expect(Date.parse(result.startAt)).toBeGreaterThanOrEqual(Math.floor(receivedMs / 60_000) * 60_000);
        expect(Date.parse(result.dueAt)).toBeGreaterThan(Date.parse(result.startAt));
      }),
      { numRuns: 2000, seed: Number(process.env.FC_SEED ?? 20261129) },
    );
  });
});

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clock = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Random office hours, weekends, cut-off and day rules. */
const settingsArbitrary: fc.Arbitrary<CalendarSettings> = fc
  .record({
    boundaries: fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 2, maxLength: 6 }),
    cutoff: fc.integer({ min: 0, max: 1440 }),
    weekendDays: fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 5 }),
    rules: fc.uniqueArray(
      fc.record({ day: fc.integer({ min: daysFromCivil(2023, 1, 1), max: daysFromCivil(2026, 12, 31) }), work: fc.boolean() }),
      { maxLength: 80, selector: (r) => r.day },
    ),
  })
  .map(({ boundaries, cutoff, weekendDays, rules }) => {
    const sorted = [...boundaries].sort((a, b) => a - b);
    const sessions = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) sessions.push({ start: clock(sorted[i]!), end: clock(sorted[i + 1]!) });
    const days: DayRule[] = rules.map((r) => ({
      date: daysToPlainDate(r.day),
      kind: r.work ? 'work' : 'off',
      reason: r.work ? 'Làm bù' : 'Nghỉ',
      source: 'test',
    }));
    return { sessions, cutoff: clock(cutoff), weekendDays, days };
  })
  // At least an hour of office time a day, so that 200 working hours stay inside the calendar's span
  // (a 1-minute working day would need decades and rightly throw RangeError).
  .filter((settings) => settings.sessions.reduce((sum, s) => sum + minutesOf(s.end) - minutesOf(s.start), 0) >= 60);

describe('WorkingCalendar equals the naive reference for random settings', () => {
  it('sessions, cut-off, weekends and day rules drawn at random', () => {
    const anyLimit = fc.oneof(
      limitArbitrary,
      fc.constant<TimeLimit>({ unit: 'working_days', value: 0 }),
      fc.constant<TimeLimit>({ unit: 'days', value: 0 }),
      fc.integer({ min: 1, max: 50 }).map((v): TimeLimit => ({ unit: 'working_hours', value: v / 4 })),
    );
    fc.assert(
      fc.property(
        settingsArbitrary,
        fc.array(fc.tuple(receiptArbitrary(2023, 2026, [0, 1, 59, 60, 61, 719, 720, 721, 1380, 1439]), anyLimit), {
          minLength: 1,
          maxLength: 20,
        }),
        (settings, cases) => {
          const calendar = new WorkingCalendar(settings, { fromYear: 2022, toYear: 2060 });
          for (const [receivedMs, limit] of cases) {
            const receivedAt = new Date(receivedMs);
            expect(calendar.dueDate(receivedAt, limit).dueAt).toBe(referenceDueDate(settings, receivedAt, limit).toISOString());
          }
        },
      ),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 20261129) },
    );
  });
});
