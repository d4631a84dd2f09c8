import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { StoredFile } from './uploads.ts';

/** Where a stored file belongs: an online submission, or the supplement request of a dossier. */
export type UploadOwner =
  | { purpose: 'submission'; submissionId: number }
  | { purpose: 'supplement'; dossierId: number; supplementRequestId: number };

/** Records a file already written by `storeUpload` (one row per file, in the caller's transaction). */
export async function recordUpload(db: Kysely<Database>, owner: UploadOwner, f: StoredFile & { componentId: number }, at: string): Promise<void> {
  await db
    .insertInto('upload')
    .values({
      submission_id: owner.purpose === 'submission' ? owner.submissionId : null,
      dossier_id: owner.purpose === 'supplement' ? owner.dossierId : null,
      supplement_request_id: owner.purpose === 'supplement' ? owner.supplementRequestId : null,
      component_id: f.componentId,
      purpose: owner.purpose,
      stored_name: f.storedName,
      original_name: f.originalName,
      mime: f.mime,
      size: f.size,
      sha256: f.sha256,
      created_at: at,
    })
    .execute();
}
