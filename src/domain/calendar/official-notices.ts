/**
 * Days off and worked Saturdays for the civil service as fixed by the official yearly notices (DOMAIN.md 8.3).
 * Each year the Prime Minister's decision under Labour Code 2019 Art 112(3) (the five Tết days and the second
 * National Day day) reaches the civil service as a notice of the Ministry of Labour–Invalids–Social Affairs
 * (until 2025) or the Ministry of Home Affairs (from 2026); notices may also swap a weekday off for a Saturday
 * worked. Swaps have no basis in the Labour Code; they bind the civil service only.
 *
 * Like the table in DOMAIN.md 8.3, only exceptions to the weekly pattern are listed: weekdays off and weekend
 * days worked. Sources per day: the notice that decided it; fixed statutory days cite the Labour Code article
 * and the year's notices. These rules are not provisional.
 */
import type { DayRule } from './types.ts';

const LABOUR_CODE = 'Bộ luật Lao động 2019';

interface NoticeYear {
  /** Notices that together make up the year's schedule, for fixed statutory days. */
  notices: string;
  days: readonly DayRule[];
}

const off = (date: string, reason: string, source: string): DayRule => ({ date, kind: 'off', reason, source });
const work = (date: string, reason: string, source: string): DayRule => ({ date, kind: 'work', reason, source });
const statute = (point: string, year: number, notices: string): string =>
  `${LABOUR_CODE} Điều 112(1)(${point}); lịch nghỉ năm ${year}: ${notices}`;

const TB_5015_2023 = 'Thông báo 5015/TB-LĐTBXH';
const TB_1570_2024 = 'Thông báo 1570/TB-LĐTBXH';
const NOTICES_2024 = `${TB_5015_2023}, ${TB_1570_2024}`;

const TB_6150_2024 = 'Thông báo 6150/TB-BLĐTBXH (03/12/2024)';

const TB_9441_2025 = 'Thông báo 9441/TB-BNV (16/10/2025)';
const CV_12729_VPCP = 'Công văn 12729/VPCP-KGVX';
const CV_3383_BNV = 'Công văn 3383/BNV-CVL (không hoán đổi ngày làm việc dịp 30/4–1/5)';
const NOTICES_2026 = `${TB_9441_2025}, ${CV_12729_VPCP}, ${CV_3383_BNV}`;

const NOTICES: Readonly<Record<number, NoticeYear>> = {
  2024: {
    notices: NOTICES_2024,
    days: [
      off('2024-01-01', 'Tết Dương lịch', statute('a', 2024, NOTICES_2024)),
      // Tết Giáp Thìn: 08/02 (29 Chạp) to 14/02; mùng 1 and 2 fell on Saturday and Sunday.
      off('2024-02-08', 'Tết Nguyên Đán (29 tháng Chạp)', TB_5015_2023),
      off('2024-02-09', 'Tết Nguyên Đán (30 tháng Chạp)', TB_5015_2023),
      off('2024-02-12', 'Tết Nguyên Đán (mùng 3 Tết)', TB_5015_2023),
      off('2024-02-13', 'Nghỉ bù Tết Nguyên Đán (mùng 1 Tết 10/02 rơi vào thứ Bảy)', TB_5015_2023),
      off('2024-02-14', 'Nghỉ bù Tết Nguyên Đán (mùng 2 Tết 11/02 rơi vào Chủ nhật)', TB_5015_2023),
      off('2024-04-18', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', statute('e', 2024, NOTICES_2024)),
      off('2024-04-29', 'Nghỉ hoán đổi, làm bù vào thứ Bảy 04/05/2024', TB_1570_2024),
      off('2024-04-30', 'Ngày Chiến thắng (30/4)', statute('c', 2024, NOTICES_2024)),
      off('2024-05-01', 'Ngày Quốc tế Lao động (1/5)', statute('d', 2024, NOTICES_2024)),
      work('2024-05-04', 'Làm bù cho ngày 29/04/2024', TB_1570_2024),
      off('2024-09-02', 'Quốc khánh (2/9)', statute('đ', 2024, NOTICES_2024)),
      off('2024-09-03', 'Quốc khánh (ngày nghỉ liền kề 2/9)', TB_5015_2023),
    ],
  },
  2025: {
    notices: TB_6150_2024,
    days: [
      off('2025-01-01', 'Tết Dương lịch', statute('a', 2025, TB_6150_2024)),
      // Tết Ất Tỵ: Saturday 25/01 (26 Chạp) to Sunday 02/02 (mùng 5), 5 Tết days and 4 weekend days.
      off('2025-01-27', 'Tết Nguyên Đán (28 tháng Chạp)', TB_6150_2024),
      off('2025-01-28', 'Tết Nguyên Đán (29 tháng Chạp)', TB_6150_2024),
      off('2025-01-29', 'Tết Nguyên Đán (mùng 1 Tết)', TB_6150_2024),
      off('2025-01-30', 'Tết Nguyên Đán (mùng 2 Tết)', TB_6150_2024),
      off('2025-01-31', 'Tết Nguyên Đán (mùng 3 Tết)', TB_6150_2024),
      off('2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', statute('e', 2025, TB_6150_2024)),
      work('2025-04-26', 'Làm bù cho ngày 02/05/2025', TB_6150_2024),
      off('2025-04-30', 'Ngày Chiến thắng (30/4)', statute('c', 2025, TB_6150_2024)),
      off('2025-05-01', 'Ngày Quốc tế Lao động (1/5)', statute('d', 2025, TB_6150_2024)),
      off('2025-05-02', 'Nghỉ hoán đổi, làm bù vào thứ Bảy 26/04/2025', TB_6150_2024),
      off('2025-09-01', 'Quốc khánh (ngày nghỉ liền kề 2/9)', TB_6150_2024),
      off('2025-09-02', 'Quốc khánh (2/9)', statute('đ', 2025, TB_6150_2024)),
    ],
  },
  2026: {
    notices: NOTICES_2026,
    days: [
      off('2026-01-01', 'Tết Dương lịch', statute('a', 2026, NOTICES_2026)),
      off('2026-01-02', 'Nghỉ hoán đổi, làm bù vào thứ Bảy 10/01/2026', CV_12729_VPCP),
      work('2026-01-10', 'Làm bù cho ngày 02/01/2026', CV_12729_VPCP),
      // Tết Bính Ngọ: Saturday 14/02 (27 Chạp) to Sunday 22/02 (mùng 6), 9 days.
      off('2026-02-16', 'Tết Nguyên Đán (29 tháng Chạp)', TB_9441_2025),
      off('2026-02-17', 'Tết Nguyên Đán (mùng 1 Tết)', TB_9441_2025),
      off('2026-02-18', 'Tết Nguyên Đán (mùng 2 Tết)', TB_9441_2025),
      off('2026-02-19', 'Tết Nguyên Đán (mùng 3 Tết)', TB_9441_2025),
      off('2026-02-20', 'Tết Nguyên Đán (mùng 4 Tết)', TB_9441_2025),
      off('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04 rơi vào Chủ nhật)', `${LABOUR_CODE} Điều 111(3); ${CV_3383_BNV}`),
      off('2026-04-30', 'Ngày Chiến thắng (30/4)', statute('c', 2026, NOTICES_2026)),
      off('2026-05-01', 'Ngày Quốc tế Lao động (1/5)', statute('d', 2026, NOTICES_2026)),
      work('2026-08-22', 'Làm bù cho ngày 31/08/2026', TB_9441_2025),
      off('2026-08-31', 'Nghỉ hoán đổi, làm bù vào thứ Bảy 22/08/2026', TB_9441_2025),
      off('2026-09-01', 'Quốc khánh (ngày nghỉ liền kề 2/9)', TB_9441_2025),
      off('2026-09-02', 'Quốc khánh (2/9)', statute('đ', 2026, NOTICES_2026)),
      // A swap around 24/11/2026 (Monday 23/11 off, Saturday 28/11 worked) was only proposed (DOMAIN.md 8.1).
      off('2026-11-24', 'Ngày Văn hóa Việt Nam (24/11)', 'Nghị quyết 28/2026/QH16 Điều 2 (hiệu lực 01/7/2026)'),
    ],
  },
};

/** Years for which an official notice is seeded. */
export const OFFICIAL_NOTICE_YEARS: readonly number[] = Object.freeze(
  Object.keys(NOTICES)
    .map(Number)
    .sort((a, b) => a - b),
);

/** The official exceptions of `year`, sorted by date (fresh copies), or undefined when no notice is seeded. */
export function officialDays(year: number): DayRule[] | undefined {
  const notice = NOTICES[year];
  return notice?.days.map((rule) => ({ ...rule })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The notices behind `year`'s schedule, for display ("Thông báo 6150/TB-BLĐTBXH (03/12/2024)"). */
export function officialNoticeSources(year: number): string | undefined {
  return NOTICES[year]?.notices;
}
