/**
 * Calendar-date arithmetic on integer day numbers (days since 1970-01-01, proleptic Gregorian).
 * Everything in this module works on plain numbers so the working calendar can index days without
 * allocating Date objects. Algorithms: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
 */
import type { PlainDate } from './types.ts';

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Day number of a Gregorian date (1970-01-01 = 0). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Gregorian date of a day number (inverse of daysFromCivil). */
export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses "YYYY-MM-DD" strictly (the date must exist); throws RangeError otherwise. */
export function parsePlainDate(date: PlainDate): CivilDate {
  const match = typeof date === 'string' ? PLAIN_DATE.exec(date) : null;
  if (match === null) throw new RangeError(`Invalid PlainDate ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Invalid PlainDate ${JSON.stringify(date)}: no such calendar day`);
  }
  return { year, month, day };
}

export function plainDateToDays(date: PlainDate): number {
  const { year, month, day } = parsePlainDate(date);
  return daysFromCivil(year, month, day);
}

export function plainDate(year: number, month: number, day: number): PlainDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysToPlainDate(dayNumber: number): PlainDate {
  const { year, month, day } = civilFromDays(dayNumber);
  return plainDate(year, month, day);
}
