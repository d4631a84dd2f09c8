import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/job.repository.ts';

export const NOTIFY_APPLICANT = 'notify.applicant';

/**
 * Queues a message to a dossier's applicant inside the caller's transaction (outbox): it exists if and only
 * if the change that causes it commits, and the dedupe key makes the same notice queue once, ever.
 */
export async function enqueueApplicantNotice(
  db: Kysely<Database>,
  notice: { dossierCode: string; event: string; dedupeKey: string; [k: string]: unknown },
  now: Date,
): Promise<boolean> {
  const { dedupeKey, ...payload } = notice;
  return enqueueJob(db, { kind: NOTIFY_APPLICANT, payload, dedupeKey, maxAttempts: 8 }, now);
}
