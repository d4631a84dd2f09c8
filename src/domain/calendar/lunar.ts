/**
 * Vietnamese lunisolar calendar (âm lịch), used only to pre-fill the lunar holidays: Tết Nguyên Đán and
 * Giỗ Tổ Hùng Vương (DOMAIN.md 8.2). The authoritative calendar is the administrator's table, seeded from the
 * official yearly notices (official-notices.ts).
 *
 * Algorithm: Hồ Ngọc Đức, "Âm lịch Việt Nam" (https://www.informatik.uni-leipzig.de/~duc/amlich/), which uses
 * the astronomical series of J. Meeus, "Astronomical Algorithms": mean new moon k plus periodic terms and a
 * ΔT correction; the sun's apparent longitude from its mean anomaly; lunar month 11 is the month that contains
 * the winter solstice; a year with 13 months (two consecutive months 11 more than 365 days apart) has a leap
 * month, the first month after month 11 that contains no major solar term (trung khí). Re-implemented here;
 * accurate for roughly 1200–2199, and this module accepts 1900–2199.
 *
 * Why UTC+7 matters: the day a new moon falls on, and the day a solar term falls on, depend on the meridian.
 * Vietnam computes its calendar for 105°E (UTC+7, Government Decision 121-CP of 1967, applied from 1968); the
 * Chinese calendar uses 120°E (UTC+8).
 * A new moon between 16:00 and 17:00 UTC falls on one day in Hà Nội and on the next day in Beijing, so the
 * two calendars disagree in some years: Tết 1985 (VN 21/01, CN 20/02), 2007 (VN 17/02, CN 18/02) and
 * 2030 (VN 02/02, CN 03/02). A Chinese-calendar library therefore gives a wrong Tết for Vietnam.
 */
import { civilFromDays, daysFromCivil, parsePlainDate, plainDate } from './plain-date.ts';
import type { PlainDate } from './types.ts';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  isLeapMonth: boolean;
}

/** Vietnam's legal time zone (105°E). */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

const SYNODIC_MONTH = 29.530588853;
/** Julian date of the new moon of 1900-01-01 13:52 UT, new moon number k = 0. */
const NEW_MOON_EPOCH = 2415021.076998695;
/** Julian day number of 1970-01-01 (day number 0 in plain-date.ts). */
const JDN_UNIX_EPOCH = 2440588;
const DEG = Math.PI / 180;

/** Julian date (TT corrected to UT) of the k-th new moon after 1900-01-01 (Meeus, chapter 49, abridged). */
function newMoonJulianDate(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900-01-01 noon
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const moonLatitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  const m = sunAnomaly * DEG;
  const mp = moonAnomaly * DEG;
  const f = moonLatitude * DEG;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(m) +
    0.0021 * Math.sin(2 * m) -
    0.4068 * Math.sin(mp) +
    0.0161 * Math.sin(2 * mp) -
    0.0004 * Math.sin(3 * mp) +
    0.0104 * Math.sin(2 * f) -
    0.0051 * Math.sin(m + mp) -
    0.0074 * Math.sin(m - mp) +
    0.0004 * Math.sin(2 * f + m) -
    0.0004 * Math.sin(2 * f - m) -
    0.0006 * Math.sin(2 * f + mp) +
    0.001 * Math.sin(2 * f - mp) +
    0.0005 * Math.sin(2 * mp + m);
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + correction - deltaT;
}

/** Apparent longitude of the sun in radians, in [0, 2π), at a Julian date (UT). */
function sunLongitude(julianDate: number): number {
  const t = (julianDate - 2451545.0) / 36525; // Julian centuries since J2000.0
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEG;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (meanLongitude + centre) * DEG;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** Julian day number of the local civil day on which new moon k falls. */
function newMoonDay(k: number, utcOffsetHours: number): number {
  return Math.floor(newMoonJulianDate(k) + 0.5 + utcOffsetHours / 24);
}

/**
 * Which 30° sector (0–11) of the ecliptic the sun is in at local midnight starting a day. Sector n starts at
 * major solar term n × 30°; 9 is the winter solstice (270°).
 */
function sunSectorAtDayStart(julianDayNumber: number, utcOffsetHours: number): number {
  return Math.floor((sunLongitude(julianDayNumber - 0.5 - utcOffsetHours / 24) / Math.PI) * 6);
}

/** Julian day number of the first day of lunar month 11 (the month containing the winter solstice) of `year`. */
function lunarMonth11Start(year: number, utcOffsetHours: number): number {
  const offset = daysFromCivil(year, 12, 31) + JDN_UNIX_EPOCH - 2415021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const lastNewMoonOfYear = newMoonDay(k, utcOffsetHours);
  // If the sun is already past the solstice when that month starts, the solstice is in the month before.
  return sunSectorAtDayStart(lastNewMoonOfYear, utcOffsetHours) >= 9 ? newMoonDay(k - 1, utcOffsetHours) : lastNewMoonOfYear;
}

/**
 * Offset (in months after month 11) of the leap month in a 13-month year starting at `month11Start`: the first
 * month whose start and the next month's start see the sun in the same sector, i.e. a month without a major term.
 */
function leapMonthOffset(month11Start: number, utcOffsetHours: number): number {
  const k = Math.floor((month11Start - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSectorAtDayStart(newMoonDay(k + i, utcOffsetHours), utcOffsetHours);
  let previous: number;
  do {
    previous = sector;
    i += 1;
    sector = sunSectorAtDayStart(newMoonDay(k + i, utcOffsetHours), utcOffsetHours);
  } while (sector !== previous && i < 14);
  return i - 1;
}

function checkYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`${what} ${year} is outside the supported lunar range ${MIN_YEAR}–${MAX_YEAR}`);
  }
}

function solarToLunarAt(date: PlainDate, utcOffsetHours: number): LunarDate {
  const { year, month, day } = parsePlainDate(date);
  checkYear(year, 'Solar year');
  const dayNumber = daysFromCivil(year, month, day) + JDN_UNIX_EPOCH;
  // k estimates the lunation from the mean month; the true new moon can be off by most of a day, so step back
  // until the month start is not after the date. (The published reference code steps back only once, which gives
  // a "day 0" on 2054-05-07 and 2062-04-09; found by the full-range round-trip test.)
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  let monthStart = newMoonDay(k, utcOffsetHours);
  while (monthStart > dayNumber) {
    k -= 1;
    monthStart = newMoonDay(k, utcOffsetHours);
  }

  let month11 = lunarMonth11Start(year, utcOffsetHours);
  let nextMonth11 = month11;
  let lunarYear: number;
  if (month11 >= monthStart) {
    lunarYear = year;
    month11 = lunarMonth11Start(year - 1, utcOffsetHours);
  } else {
    lunarYear = year + 1;
    nextMonth11 = lunarMonth11Start(year + 1, utcOffsetHours);
  }

  const monthsAfter11 = Math.floor((monthStart - month11) / 29);
  let lunarMonth = monthsAfter11 + 11;
  let isLeapMonth = false;
  if (nextMonth11 - month11 > 365) {
    const leapOffset = leapMonthOffset(month11, utcOffsetHours);
    if (monthsAfter11 >= leapOffset) {
      lunarMonth = monthsAfter11 + 10;
      isLeapMonth = monthsAfter11 === leapOffset;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  // Months 11 and 12 at the start of the span belong to the lunar year that began the previous spring.
  if (lunarMonth >= 11 && monthsAfter11 < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: dayNumber - monthStart + 1, isLeapMonth };
}

function lunarToSolarAt(year: number, month: number, day: number, isLeapMonth: boolean, utcOffsetHours: number): PlainDate {
  checkYear(year, 'Lunar year');
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    throw new RangeError(`Invalid lunar date ${day}/${month}/${year}`);
  }
  const month11 = lunarMonth11Start(month < 11 ? year - 1 : year, utcOffsetHours);
  const nextMonth11 = lunarMonth11Start(month < 11 ? year : year + 1, utcOffsetHours);
  const k = Math.floor(0.5 + (month11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = (month - 11 + 12) % 12;
  if (nextMonth11 - month11 > 365) {
    const leapOffset = leapMonthOffset(month11, utcOffsetHours);
    const leapMonth = ((leapOffset + 9) % 12) + 1; // the leap month repeats the number of the month before it
    if (isLeapMonth && month !== leapMonth) {
      throw new RangeError(`Lunar year ${year} has no leap month ${month} (its leap month is ${leapMonth})`);
    }
    if (isLeapMonth || offset >= leapOffset) offset += 1;
  } else if (isLeapMonth) {
    throw new RangeError(`Lunar year ${year} has no leap month`);
  }
  const monthStart = newMoonDay(k + offset, utcOffsetHours);
  const monthLength = newMoonDay(k + offset + 1, utcOffsetHours) - monthStart;
  if (day > monthLength) {
    throw new RangeError(`Lunar month ${month}${isLeapMonth ? ' (leap)' : ''} of ${year} has only ${monthLength} days`);
  }
  const { year: y, month: m, day: d } = civilFromDays(monthStart + day - 1 - JDN_UNIX_EPOCH);
  return plainDate(y, m, d);
}

/** Lunar date (Vietnamese calendar, UTC+7) of a solar date. */
export function solarToLunar(date: PlainDate): LunarDate {
  return solarToLunarAt(date, VIETNAM_UTC_OFFSET_HOURS);
}

/** Solar date of a lunar date (Vietnamese calendar, UTC+7); throws RangeError for a day that does not exist. */
export function lunarToSolar(year: number, month: number, day: number, isLeapMonth = false): PlainDate {
  return lunarToSolarAt(year, month, day, isLeapMonth, VIETNAM_UTC_OFFSET_HOURS);
}

/** Mùng 1 Tết: the first day of the first lunar month of `year`. */
export function tetDate(year: number): PlainDate {
  return lunarToSolar(year, 1, 1);
}

/** Giỗ Tổ Hùng Vương: the 10th day of the (non-leap) 3rd lunar month (Labour Code 2019 Art 112(1)(e)). */
export function hungKingsDate(year: number): PlainDate {
  return lunarToSolar(year, 3, 10);
}

/**
 * Tết computed for another meridian, e.g. 8 for the Chinese calendar. Only for showing why UTC+7 matters
 * (tests, documentation); never use it for Vietnamese dates.
 */
export function tetDateForUtcOffset(year: number, utcOffsetHours: number): PlainDate {
  return lunarToSolarAt(year, 1, 1, false, utcOffsetHours);
}
