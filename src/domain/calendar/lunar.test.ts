import { describe, expect, it } from 'vitest';
import { hungKingsDate, lunarToSolar, solarToLunar, tetDate, tetDateForUtcOffset } from './lunar.ts';
import { daysFromCivil, daysToPlainDate } from './plain-date.ts';

describe('Tết and Giỗ Tổ (DOMAIN.md 8.2 table)', () => {
  const table: [number, string, string][] = [
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
    [2029, '2029-02-13', '2029-04-23'],
    [2030, '2030-02-02', '2030-04-12'],
    [2031, '2031-01-23', '2031-04-01'],
    [2032, '2032-02-11', '2032-04-19'],
    [2033, '2033-01-31', '2033-04-09'],
    [2034, '2034-02-19', '2034-04-28'],
    [2035, '2035-02-08', '2035-04-17'],
    [2036, '2036-01-28', '2036-04-06'],
  ];
  it.each(table)('%i: Tết %s, Giỗ Tổ %s', (year, tet, hungKings) => {
    expect(tetDate(year)).toBe(tet);
    expect(hungKingsDate(year)).toBe(hungKings);
    expect(solarToLunar(tet)).toEqual({ year, month: 1, day: 1, isLeapMonth: false });
    expect(solarToLunar(hungKings)).toEqual({ year, month: 3, day: 10, isLeapMonth: false });
  });

  it('uses the Vietnamese meridian (UTC+7) where the Chinese calendar (UTC+8) differs', () => {
    expect(tetDate(1985)).toBe('1985-01-21');
    expect(tetDate(2007)).toBe('2007-02-17');
    expect(tetDate(2030)).toBe('2030-02-02');
    expect(tetDateForUtcOffset(1985, 8)).toBe('1985-02-20');
    expect(tetDateForUtcOffset(2007, 8)).toBe('2007-02-18');
    expect(tetDateForUtcOffset(2030, 8)).toBe('2030-02-03');
  });

  it('matches the lunar dates printed in the official notices', () => {
    // Thông báo 6150/TB-BLĐTBXH: 25/01/2025 = 26 tháng Chạp Giáp Thìn; 02/02/2025 = mùng 5 Tết.
    expect(solarToLunar('2025-01-25')).toEqual({ year: 2024, month: 12, day: 26, isLeapMonth: false });
    expect(solarToLunar('2025-02-02')).toEqual({ year: 2025, month: 1, day: 5, isLeapMonth: false });
    // Thông báo 9441/TB-BNV: 14/02/2026 = 27 tháng Chạp Ất Tỵ; 22/02/2026 = mùng 6 Tết.
    expect(solarToLunar('2026-02-14')).toEqual({ year: 2025, month: 12, day: 27, isLeapMonth: false });
    expect(solarToLunar('2026-02-22')).toEqual({ year: 2026, month: 1, day: 6, isLeapMonth: false });
  });
});

describe('leap months', () => {
  it('places the leap month at the first month without a major solar term', () => {
    expect(solarToLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, isLeapMonth: true });
    expect(solarToLunar('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, isLeapMonth: true });
    expect(lunarToSolar(2023, 2, 1, true)).toBe('2023-03-22');
    expect(lunarToSolar(2023, 3, 1)).toBe('2023-04-20');
    // 2033: leap 11th month (the "2033 problem" of the Chinese calendar).
    expect(solarToLunar('2033-12-22')).toEqual({ year: 2033, month: 11, day: 1, isLeapMonth: true });
  });
});

describe('month starts', () => {
  it('gives the last day of the month, not "day 0", when the mean-lunation estimate overshoots', () => {
    expect(solarToLunar('2054-05-07')).toEqual({ year: 2054, month: 3, day: 30, isLeapMonth: false });
    expect(solarToLunar('2062-04-09')).toEqual({ year: 2062, month: 2, day: 30, isLeapMonth: false });
    expect(lunarToSolar(2054, 3, 30)).toBe('2054-05-07');
  });
});

describe('round trip solar → lunar → solar', () => {
  it('holds for every day from 1901 to 2199, and lunar days advance one by one', () => {
    let previous = solarToLunar('1900-12-31');
    let monthLength = 0;
    for (let day = daysFromCivil(1901, 1, 1); day <= daysFromCivil(2199, 12, 31); day += 1) {
      const date = daysToPlainDate(day);
      const lunar = solarToLunar(date);
      if (lunarToSolar(lunar.year, lunar.month, lunar.day, lunar.isLeapMonth) !== date) {
        throw new Error(`Round trip failed for ${date}: ${JSON.stringify(lunar)}`);
      }
      if (lunar.day === 1) {
        if (monthLength !== 0 && (previous.day < 29 || previous.day > 30)) throw new Error(`Bad month length before ${date}`);
        monthLength = 1;
      } else if (lunar.day !== previous.day + 1 || lunar.month !== previous.month || lunar.year !== previous.year) {
        throw new Error(`Lunar day does not follow on ${date}: ${JSON.stringify(previous)} → ${JSON.stringify(lunar)}`);
      }
      previous = lunar;
    }
    expect(previous).toEqual(solarToLunar('2199-12-31'));
  });
});

describe('bad input', () => {
  it('throws RangeError', () => {
    expect(() => lunarToSolar(2024, 2, 1, true)).toThrow(/no leap month/);
    expect(() => lunarToSolar(2023, 4, 1, true)).toThrow(/leap month is 2/);
    expect(() => lunarToSolar(2026, 13, 1)).toThrow(RangeError);
    // Tháng Chạp Ất Tỵ (ends 16/02/2026) has 29 days.
    expect(() => lunarToSolar(2025, 12, 30)).toThrow(/only 29 days/);
    expect(() => tetDate(1899)).toThrow(/outside/);
    expect(() => solarToLunar('2026-02-30')).toThrow(/no such calendar day/);
  });
});
