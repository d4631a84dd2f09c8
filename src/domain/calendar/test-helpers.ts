/**
 * Helpers for the calendar tests: write instants as local (UTC+7) wall-clock strings.
 */

/** "2026-01-12 10:00" (local UTC+7) → Date. */
export function localInstant(value: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(?::(\d{2}))?$/.exec(value);
  if (match === null) throw new Error(`Bad local instant ${value}`);
  return new Date(`${match[1]}T${match[2]}:${match[3] ?? '00'}+07:00`);
}

/** Date or ISO string → "2026-01-12 10:00" in local time (UTC+7). */
export function localText(instant: Date | string): string {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + 7 * 3_600_000;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
