/**
 * The legal clock: local time in Asia/Ho_Chi_Minh, a fixed UTC+7 with no daylight saving since 1975
 * (types.ts). Instants are turned into "local minutes" (minutes since 1970-01-01 00:00 local time) with
 * plain integer arithmetic, so no Date object or time-zone database is needed on the hot path.
 *
 * Resolution is the whole minute: seconds are dropped (floored). Appointment slips show HH:MM, and
 * comparisons such as "received after 15:00" are made on the minute printed on the slip.
 */

export const LEGAL_UTC_OFFSET_MINUTES = 7 * 60;
export const MINUTES_PER_DAY = 24 * 60;
export const MS_PER_MINUTE = 60_000;

/** Local minutes since 1970-01-01 00:00 (UTC+7) of an epoch-millisecond instant, floored to the minute. */
export function localMinuteOf(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_MINUTE) + LEGAL_UTC_OFFSET_MINUTES;
}

/** Epoch milliseconds of a local minute (inverse of localMinuteOf). */
export function epochMsOfLocalMinute(localMinute: number): number {
  return (localMinute - LEGAL_UTC_OFFSET_MINUTES) * MS_PER_MINUTE;
}

const CLOCK = /^(\d{2}):(\d{2})$/;

/** "HH:MM" → minutes after local midnight; "24:00" is accepted as the end of the day. */
export function parseClock(value: string, what: string): number {
  const match = typeof value === 'string' ? CLOCK.exec(value) : null;
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  if (!(hours >= 0 && minutes >= 0 && minutes < 60 && hours * 60 + minutes <= MINUTES_PER_DAY)) {
    throw new RangeError(`Invalid ${what} ${JSON.stringify(value)}: expected local time "HH:MM"`);
  }
  return hours * 60 + minutes;
}
