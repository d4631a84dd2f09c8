import { describe, expect, it } from 'vitest';
import { officialDays } from './official-notices.ts';
import { plainDateToDays, weekdayOf } from './plain-date.ts';
import { statutoryDays } from './statutory-holidays.ts';

const dates = (year: number, options = {}): string[] => statutoryDays(year, options).map((r) => r.date);

describe('statutory pre-fill (Labour Code 2019 Arts 111(3), 112(1))', () => {
  it('2027: Tết on Saturday 06/02 gets two make-up days, 1/5 on Saturday gets Monday 03/05', () => {
    expect(statutoryDays(2027).map((r) => [r.date, r.reason])).toEqual([
      ['2027-01-01', 'Tết Dương lịch'],
      ['2027-02-05', 'Tết Nguyên Đán (29 tháng Chạp)'],
      ['2027-02-08', 'Tết Nguyên Đán (mùng 3 Tết)'],
      ['2027-02-09', 'Tết Nguyên Đán (mùng 4 Tết)'],
      ['2027-02-10', 'Nghỉ bù mùng 1 Tết Nguyên Đán (06/02 rơi vào thứ Bảy)'],
      ['2027-02-11', 'Nghỉ bù mùng 2 Tết Nguyên Đán (07/02 rơi vào Chủ nhật)'],
      ['2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
      ['2027-04-30', 'Ngày Chiến thắng (30/4)'],
      ['2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (01/05 rơi vào thứ Bảy)'],
      ['2027-09-02', 'Quốc khánh (2/9)'],
      ['2027-09-03', 'Quốc khánh (ngày nghỉ liền kề 2/9)'],
      ['2027-11-24', 'Ngày Văn hóa Việt Nam (24/11)'],
    ]);
    for (const rule of statutoryDays(2027)) {
      expect(rule).toMatchObject({ kind: 'off', provisional: true });
      expect(rule.source).toMatch(/^(Bộ luật Lao động 2019 Điều 11[12]|Nghị quyết 28\/2026\/QH16)/);
    }
  });

  it('2026: Giỗ Tổ on Sunday 26/04 is made up on Monday 27/04, as in the notice', () => {
    const rule = statutoryDays(2026).find((r) => r.date === '2026-04-27');
    expect(rule).toEqual({
      date: '2026-04-27',
      kind: 'off',
      reason: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04 rơi vào Chủ nhật)',
      source: 'Bộ luật Lao động 2019 Điều 111(3)',
      provisional: true,
    });
  });

  it('pushes a make-up day past a following holiday (2023: 29/04 Saturday, 30/04 Sunday, 01/05 Monday)', () => {
    const may = statutoryDays(2023).filter((r) => r.date.startsWith('2023-05'));
    expect(may.map((r) => [r.date, r.reason])).toEqual([
      ['2023-05-01', 'Ngày Quốc tế Lao động (1/5)'],
      ['2023-05-02', 'Nghỉ bù Giỗ Tổ Hùng Vương (29/04 rơi vào thứ Bảy)'],
      ['2023-05-03', 'Nghỉ bù Ngày Chiến thắng (30/04 rơi vào Chủ nhật)'],
    ]);
  });

  it('picks the National Day adjacent day the 2024–2026 notices picked', () => {
    for (const year of [2024, 2025, 2026]) {
      const official = officialDays(year)!.filter((r) => /liền kề 2\/9/.test(r.reason)).map((r) => r.date);
      const computed = statutoryDays(year).filter((r) => /liền kề 2\/9/.test(r.reason)).map((r) => r.date);
      expect(computed, String(year)).toEqual(official);
    }
    // 2023 (2/9 Saturday): Friday 1/9 plus the Saturday made up on Monday 4/9, as Thông báo 5034/TB-LĐTBXH.
    expect(dates(2023).filter((d) => d.startsWith('2023-09'))).toEqual(['2023-09-01', '2023-09-04']);
  });

  it('makes up 24/11 on a weekend by default, and not when switched off (open question)', () => {
    // 24/11/2029 is a Saturday.
    expect(statutoryDays(2029).filter((r) => r.date.startsWith('2029-11'))).toEqual([
      expect.objectContaining({ date: '2029-11-26', reason: 'Nghỉ bù Ngày Văn hóa Việt Nam (24/11 rơi vào thứ Bảy)' }),
    ]);
    expect(dates(2029, { makeUpCultureDay: false }).filter((d) => d.startsWith('2029-11'))).toEqual([]);
    expect(dates(2025).some((d) => d.endsWith('-11-24'))).toBe(false);
  });

  it('always yields one weekday off per statutory day (11 until 2025, 12 from 2026), 2021–2199', () => {
    for (let year = 2021; year <= 2199; year += 1) {
      const rules = statutoryDays(year);
      expect(rules.length, String(year)).toBe(year >= 2026 ? 12 : 11);
      expect(new Set(rules.map((r) => r.date)).size).toBe(rules.length);
      for (const rule of rules) {
        const weekday = weekdayOf(plainDateToDays(rule.date));
        if (weekday === 0 || weekday === 6) throw new Error(`${rule.date} is a weekend day`);
        if (!rule.date.startsWith(String(year))) throw new Error(`${rule.date} is outside ${year}`);
      }
    }
  });

  it('refuses years before the Labour Code 2019', () => {
    expect(() => statutoryDays(2020)).toThrow(RangeError);
    expect(() => statutoryDays(2026.5)).toThrow(RangeError);
  });
});
