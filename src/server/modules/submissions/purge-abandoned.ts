import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { removeStored } from './uploads.ts';

/** Drafts never confirmed are kept one day after their code expired, then deleted with their files. */
export const ABANDONED_AFTER_MS = 24 * 3_600_000;

export async function purgeAbandonedSubmissions(db: Kysely<Database>, uploadDir: string, now: Date): Promise<number> {
  const before = new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString();
  const drafts = await db.selectFrom('submission').select('id').where('dossier_id', 'is', null).where('otp_expires_at', '<', before).execute();
  if (drafts.length === 0) return 0;
  const ids = drafts.map((d) => d.id);
  const files = await db.selectFrom('upload').select('stored_name').where('submission_id', 'in', ids).where('dossier_id', 'is', null).execute();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('upload').where('submission_id', 'in', ids).where('dossier_id', 'is', null).execute();
    await trx.deleteFrom('submission').where('id', 'in', ids).where('dossier_id', 'is', null).execute();
  });
  // Files go after the rows: a crash in between leaves orphan files, never rows pointing at nothing.
  await removeStored(uploadDir, files.map((f) => f.stored_name));
  return ids.length;
}
