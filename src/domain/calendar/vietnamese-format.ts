/**
 * Vietnamese display formats used in reasons and explanations: dd/mm/yyyy, HH:MM, weekday names,
 * decimal comma. Not on the hot path.
 */
import { civilFromDays, weekdayOf } from './plain-date.ts';

/** Weekday names as written inside a sentence (index 0 = Sunday). "Chủ nhật" is always capitalised. */
const WEEKDAYS_IN_SENTENCE = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;

/** "thứ Hai" … "Chủ nhật", for use inside a sentence. */
export function weekdayName(dayNumber: number): string {
  return WEEKDAYS_IN_SENTENCE[weekdayOf(dayNumber)]!;
}

/** "Thứ Hai" … "Chủ nhật", for use as a stand-alone label (e.g. the reason a day is not worked). */
export function weekdayLabel(dayNumber: number): string {
  const name = weekdayName(dayNumber);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "17/02/2026". */
export function formatDayMonthYear(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** "26/04". */
export function formatDayMonth(dayNumber: number): string {
  const { month, day } = civilFromDays(dayNumber);
  return `${pad2(day)}/${pad2(month)}`;
}

/** "07:30" from minutes after local midnight. */
export function formatClock(minuteOfDay: number): string {
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

/** "thứ Ba, 17/02/2026". */
export function formatWeekdayDate(dayNumber: number): string {
  return `${weekdayName(dayNumber)}, ${formatDayMonthYear(dayNumber)}`;
}

/** Vietnamese decimal comma: 0.5 → "0,5". */
export function formatNumber(value: number): string {
  return String(value).replace('.', ',');
}

/** 1440 → "24 giờ"; 450 → "7 giờ 30 phút"; 45 → "45 phút". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return `${hours} giờ`;
  return hours === 0 ? `${rest} phút` : `${hours} giờ ${rest} phút`;
}
