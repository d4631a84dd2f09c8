import { describe, expect, it } from 'vitest';
import { defaultCalendarSettings } from './default-calendar.ts';
import { solarToLunar } from './lunar.ts';
import { OFFICIAL_NOTICE_YEARS, officialDays } from './official-notices.ts';
import { plainDateToDays, weekdayOf } from './plain-date.ts';
import { WorkingCalendar } from './working-calendar.ts';

/** DOMAIN.md 8.3: weekday days off and Saturdays worked. */
const EXPECTED: Record<number, { off: string[]; work: string[] }> = {
  2024: {
    off: [
      '2024-01-01',
      '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14',
      '2024-04-18',
      '2024-04-29', '2024-04-30', '2024-05-01',
      '2024-09-02', '2024-09-03',
    ],
    work: ['2024-05-04'],
  },
  2025: {
    off: [
      '2025-01-01',
      '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-04-07',
      '2025-04-30', '2025-05-01', '2025-05-02',
      '2025-09-01', '2025-09-02',
    ],
    work: ['2025-04-26'],
  },
  2026: {
    off: [
      '2026-01-01', '2026-01-02',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-27',
      '2026-04-30', '2026-05-01',
      '2026-08-31', '2026-09-01', '2026-09-02',
      '2026-11-24',
    ],
    work: ['2026-01-10', '2026-08-22'],
  },
};

describe('official notices (DOMAIN.md 8.3)', () => {
  it('are seeded for 2024–2026 only', () => {
    expect(OFFICIAL_NOTICE_YEARS).toEqual([2024, 2025, 2026]);
    expect(officialDays(2023)).toBeUndefined();
    expect(officialDays(2027)).toBeUndefined();
  });

  it.each([2024, 2025, 2026])('%i: every weekday off and every Saturday worked, nothing else', (year) => {
    const rules = officialDays(year)!;
    expect(rules.filter((r) => r.kind === 'off').map((r) => r.date)).toEqual(EXPECTED[year]!.off);
    expect(rules.filter((r) => r.kind === 'work').map((r) => r.date)).toEqual(EXPECTED[year]!.work);
    for (const rule of rules) {
      const weekday = weekdayOf(plainDateToDays(rule.date));
      if (rule.kind === 'off') expect(weekday, rule.date).not.toBe(0);
      if (rule.kind === 'off') expect(weekday, rule.date).not.toBe(6);
      if (rule.kind === 'work') expect(weekday, rule.date).toBe(6);
      expect(rule.provisional).toBeUndefined();
      expect(rule.reason.length).toBeGreaterThan(0);
      expect(rule.source).toMatch(/Thông báo|Công văn|Nghị quyết|Bộ luật/);
    }
  });

  it('cites the notice that decided each day', () => {
    const byDate = (year: number, date: string) => officialDays(year)!.find((r) => r.date === date)!;
    expect(byDate(2024, '2024-04-29').source).toBe('Thông báo 1570/TB-LĐTBXH');
    expect(byDate(2024, '2024-05-04')).toMatchObject({ kind: 'work', reason: 'Làm bù cho ngày 29/04/2024' });
    expect(byDate(2025, '2025-05-02').source).toBe('Thông báo 6150/TB-BLĐTBXH (03/12/2024)');
    expect(byDate(2026, '2026-01-10').source).toBe('Công văn 12729/VPCP-KGVX');
    expect(byDate(2026, '2026-02-17')).toMatchObject({ reason: 'Tết Nguyên Đán (mùng 1 Tết)', source: 'Thông báo 9441/TB-BNV (16/10/2025)' });
    expect(byDate(2026, '2026-04-27').reason).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (26/04 rơi vào Chủ nhật)');
    expect(byDate(2026, '2026-11-24').source).toMatch(/^Nghị quyết 28\/2026\/QH16/);
  });

  it('names Tết days by their lunar date', () => {
    for (const year of OFFICIAL_NOTICE_YEARS) {
      for (const rule of officialDays(year)!) {
        const lunar = solarToLunar(rule.date);
        const chap = /^Tết Nguyên Đán \((\d+) tháng Chạp\)$/.exec(rule.reason);
        const mung = /^Tết Nguyên Đán \(mùng (\d) Tết\)$/.exec(rule.reason);
        if (chap) expect({ month: lunar.month, day: lunar.day }, rule.date).toEqual({ month: 12, day: Number(chap[1]) });
        if (mung) expect({ month: lunar.month, day: lunar.day }, rule.date).toEqual({ month: 1, day: Number(mung[1]) });
      }
    }
  });

  it('returns copies', () => {
    officialDays(2026)![0]!.reason = 'changed';
    expect(officialDays(2026)![0]!.reason).toBe('Tết Dương lịch');
  });

  it('gives civil servants 9 consecutive days off for Tết 2026: Saturday 14/02 to Sunday 22/02', () => {
    const calendar = new WorkingCalendar(defaultCalendarSettings(2026, 2026));
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    for (let day = 14; day <= 22; day += 1) expect(calendar.isWorkingDay(`2026-02-${day}`), `${day}/02`).toBe(false);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
    expect(calendar.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
  });
});
