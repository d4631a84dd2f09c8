/**
 * The one definition of a breach of "3 không" (DOMAIN.md 17.5): a dossier that is late — past the appointment in
 * force — without a signed form 04 apology (Decree 61/2018 Art 19(9), amended by Decree 107/2021). Queue items,
 * the dossier list and the monitoring dashboard all ask this function.
 */
export function isBreach(late: boolean, apologyStatus: string | null): boolean {
  return late && apologyStatus !== 'signed';
}

/** Late at `at` against the appointment `dueAt` (both ISO instants). */
export function isPastDue(dueAt: string, at: Date | string): boolean {
  return Date.parse(dueAt) < (typeof at === 'string' ? Date.parse(at) : at.getTime());
}
