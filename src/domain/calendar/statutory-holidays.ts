/**
 * Pre-filled (provisional) days off for a year, computed from the statute when no official yearly notice is
 * available (DOMAIN.md 8.1, 17.2). Administrators confirm or correct them once the notice is out.
 *
 * Labour Code 2019 (Bộ luật Lao động, Law 45/2019/QH14, in force 01/01/2021) Art 112(1):
 *   (a) Tết Dương lịch, 1 day (1 January); (b) Tết Âm lịch, 5 days; (c) Ngày Chiến thắng, 1 day (30 April);
 *   (d) Ngày Quốc tế lao động, 1 day (1 May); (đ) Quốc khánh, 2 days (2 September and one adjacent day, before
 *   or after); (e) Giỗ Tổ Hùng Vương, 1 day (10th day of the 3rd lunar month).
 * Art 112(3): the Prime Minister decides the actual Tết days and the second National Day day, so those two are
 * guesses here. Art 111(3): a weekly rest day that coincides with an Art 112(1) holiday is made up on the next
 * working day. Resolution 28/2026/QH16 Art 2 (in force 01/07/2026) adds 24 November, Ngày Văn hóa Việt Nam.
 *
 * Only days that change the civil-service weekly pattern (Saturday and Sunday off, Decision 188/1999/QĐ-TTg)
 * are returned: holidays on a weekday and make-up days. A holiday on a weekend shows up in its make-up day's
 * reason.
 */
import { hungKingsDate, solarToLunar, tetDate } from './lunar.ts';
import { daysFromCivil, daysToPlainDate, plainDateToDays, weekdayOf } from './plain-date.ts';
import type { DayRule } from './types.ts';
import { formatDayMonth, weekdayName } from './vietnamese-format.ts';

export interface StatutoryOptions {
  /**
   * Give Ngày Văn hóa Việt Nam (24/11) an Art 111(3) make-up day when it falls on a weekend. Default true.
   * Open question (DOMAIN.md 8.1, 15 item 7): 24/11 comes from Resolution 28/2026/QH16, not from Art 112(1), and
   * Art 111(3) only names Art 112(1) holidays; one careful third-party implementation does not make it up.
   * We make it up by default because the resolution grants a full paid day off and the Labour Code amendment
   * that would list it in Art 112(1) was planned (Government Resolution 30/NQ-CP); wards can switch it off.
   */
  makeUpCultureDay?: boolean;
}

/** First and last year the Labour Code 2019 pre-fill applies to (the Code is in force from 01/01/2021). */
export const STATUTORY_FIRST_YEAR = 2021;
export const STATUTORY_LAST_YEAR = 2199;

const LABOUR_CODE = 'Bộ luật Lao động 2019';
const CULTURE_DAY_FIRST_YEAR = 2026;
const CULTURE_DAY_SOURCE = 'Nghị quyết 28/2026/QH16 Điều 2 (hiệu lực 01/7/2026)';

interface Holiday {
  day: number;
  reason: string;
  /** How the make-up day names this holiday: "Nghỉ bù <label> (26/04 rơi vào Chủ nhật)". */
  label: string;
  source: string;
  /** Whether Art 111(3) gives a make-up day when it falls on a weekend. */
  madeUp: boolean;
  makeUpSource: string;
}

const isWeekend = (day: number): boolean => {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
};

/**
 * The day adjacent to 2 September that the Prime Minister is most likely to choose (Art 112(1)(đ), 112(3)).
 * Rule: never pick a weekend day (it would only turn into a make-up day) and prefer the weekday that joins the
 * holiday to a weekend; when both candidates are mid-week (2/9 on a Wednesday) take the day before.
 * Checked against the notices: 2024 Mon → 3/9, 2025 Tue → 1/9, 2026 Wed → 1/9 (DOMAIN.md 8.3); and, from the
 * notices of earlier years as summarised by a third-party holiday engine, 2021 Thu → 3/9, 2022 Fri → 1/9,
 * 2023 Sat → Fri 1/9 (with the Saturday made up on Monday 4/9).
 */
const NATIONAL_DAY_SECOND_DAY_BY_WEEKDAY: readonly (1 | 3)[] = [
  3, // Sunday 2/9: Monday 3/9 (Sunday itself is made up on Tuesday 4/9)
  3, // Monday: Tuesday 3/9 (Saturday–Tuesday)
  1, // Tuesday: Monday 1/9 (Saturday–Tuesday)
  1, // Wednesday: Tuesday 1/9 (no bridge without a swap; the 2026 notice took the day before)
  3, // Thursday: Friday 3/9 (Thursday–Sunday)
  1, // Friday: Thursday 1/9 (Thursday–Sunday)
  1, // Saturday: Friday 1/9 (Friday–Monday with the make-up day)
];

function holidaysOf(year: number, options: StatutoryOptions): Holiday[] {
  const fixed = (month: number, day: number): number => daysFromCivil(year, month, day);
  const statute = (point: string): string => `${LABOUR_CODE} Điều 112(1)(${point})`;
  const makeUp = `${LABOUR_CODE} Điều 111(3)`;
  const holidays: Holiday[] = [];
  const add = (day: number, reason: string, label: string, source: string, madeUp = true, makeUpSource = makeUp): void => {
    holidays.push({ day, reason, label, source, madeUp, makeUpSource });
  };

  add(fixed(1, 1), 'Tết Dương lịch', 'Tết Dương lịch', statute('a'));

  // Tết: the statute fixes 5 days and leaves the choice to the Prime Minister; the usual pattern (and our
  // default) is the last day of the lunar year plus mùng 1–4.
  const tet = plainDateToDays(tetDate(year));
  const tetSource = `${statute('b')}, Điều 112(3): ngày cụ thể do Thủ tướng Chính phủ quyết định`;
  const eve = tet - 1;
  const eveLunarDay = solarToLunar(daysToPlainDate(eve)).day;
  add(eve, `Tết Nguyên Đán (${eveLunarDay} tháng Chạp)`, `Tết Nguyên Đán ngày ${eveLunarDay} tháng Chạp`, tetSource);
  for (let n = 1; n <= 4; n += 1) {
    add(tet + n - 1, `Tết Nguyên Đán (mùng ${n} Tết)`, `mùng ${n} Tết Nguyên Đán`, tetSource);
  }

  add(plainDateToDays(hungKingsDate(year)), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Giỗ Tổ Hùng Vương', statute('e'));
  add(fixed(4, 30), 'Ngày Chiến thắng (30/4)', 'Ngày Chiến thắng', statute('c'));
  add(fixed(5, 1), 'Ngày Quốc tế Lao động (1/5)', 'Ngày Quốc tế Lao động', statute('d'));

  const nationalDay = fixed(9, 2);
  add(nationalDay, 'Quốc khánh (2/9)', 'Quốc khánh', statute('đ'));
  const secondDay = fixed(9, NATIONAL_DAY_SECOND_DAY_BY_WEEKDAY[weekdayOf(nationalDay)]!);
  add(
    secondDay,
    'Quốc khánh (ngày nghỉ liền kề 2/9)',
    'ngày nghỉ Quốc khánh liền kề 2/9',
    `${statute('đ')}, Điều 112(3): ngày liền kề do Thủ tướng Chính phủ quyết định`,
  );

  if (year >= CULTURE_DAY_FIRST_YEAR) {
    add(
      fixed(11, 24),
      'Ngày Văn hóa Việt Nam (24/11)',
      'Ngày Văn hóa Việt Nam',
      CULTURE_DAY_SOURCE,
      options.makeUpCultureDay ?? true,
      `${makeUp} (áp dụng tương tự cho Ngày Văn hóa Việt Nam, chưa có hướng dẫn chính thức)`,
    );
  }
  return holidays.sort((a, b) => a.day - b.day);
}

/**
 * Provisional days off of `year` from Labour Code 2019 Art 112(1) and Art 111(3) (see the module comment):
 * weekday holidays and make-up days, sorted by date, all `provisional: true`.
 */
export function statutoryDays(year: number, options: StatutoryOptions = {}): DayRule[] {
  if (!Number.isInteger(year) || year < STATUTORY_FIRST_YEAR || year > STATUTORY_LAST_YEAR) {
    throw new RangeError(
      `No statutory pre-fill for ${year}: it covers ${STATUTORY_FIRST_YEAR}–${STATUTORY_LAST_YEAR} (Labour Code 2019)`,
    );
  }
  const holidays = holidaysOf(year, options);
  const taken = new Set(holidays.map((h) => h.day));
  const rules: DayRule[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.day)) {
      rules.push({ date: daysToPlainDate(holiday.day), kind: 'off', reason: holiday.reason, source: holiday.source, provisional: true });
      continue;
    }
    if (!holiday.madeUp) continue;
    // Art 111(3): the next working day, i.e. not a weekend, not a holiday and not already a make-up day.
    // Holidays are processed in date order, so Saturday's make-up comes before Sunday's.
    let day = holiday.day + 1;
    while (isWeekend(day) || taken.has(day)) day += 1;
    taken.add(day);
    rules.push({
      date: daysToPlainDate(day),
      kind: 'off',
      reason: `Nghỉ bù ${holiday.label} (${formatDayMonth(holiday.day)} rơi vào ${weekdayName(holiday.day)})`,
      source: holiday.makeUpSource,
      provisional: true,
    });
  }
  return rules.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
