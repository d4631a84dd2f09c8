import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Dossier } from '../dossier/dossier.ts';
import { ensureDossierRating, openDossierRating } from '../ratings/rating.repository.ts';
import { recordConsentIfAbsent } from './outbound-message.repository.ts';
import { enqueueApplicantNotice } from './notify-applicant.ts';

/** Which workflow actions the applicant hears about, and as which notice (DOMAIN.md 3.2, 3.4, 3.7, 17.8). */
const NOTICE_OF_ACTION: Record<string, string> = {
  receive: 'received',
  request_supplement: 'supplement_requested',
  issue_result: 'result_ready',
  return_result: 'returned',
  refuse: 'refused',
};

/**
 * Called by the dossier use cases inside their transaction, after the event is appended: queues the
 * applicant's notice (outbox) and, at the return of the result, opens the dossier's one rating invitation.
 */
export async function onDossierChange(
  db: Kysely<Database>,
  change: { dossier: Dossier; action: string; seq: number; reason: string | null; actorId: number },
  now: Date,
): Promise<void> {
  const { dossier, action } = change;
  if (action === 'receive') {
    // Form 01 records the phone and e-mail the applicant gives for notices; an earlier opt-out stays in force.
    const source = dossier.channel === 'online' ? 'online-submission' : 'counter-receipt';
    const phone = dossier.applicant.phone;
    const email = dossier.applicant.email;
    await recordConsentIfAbsent(
      db,
      [{ channel: 'sms' as const, address: phone, source }, { channel: 'zalo' as const, address: phone, source }, ...(email ? [{ channel: 'email' as const, address: email, source }] : [])],
      now,
    );
  }
  // The rating link exists from receipt (QR on the receipt slip) and follows the officer who returns the result.
  if (action === 'receive') await openDossierRating(db, dossier.id, change.actorId, now);
  if (action === 'return_result') await ensureDossierRating(db, dossier.id, change.actorId, now);
  const event = NOTICE_OF_ACTION[action];
  if (!event) return;
  let items: string[] = [];
  if (action === 'request_supplement') {
    // The items of issue 4's form 02, as the reception or the specialist listed them, once and in full.
    const req = await db.selectFrom('supplement_request').select('items').where('dossier_id', '=', dossier.id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (req) items = (JSON.parse(req.items) as { name: string; note: string | null }[]).map((i) => (i.note ? `${i.name} (${i.note})` : i.name));
  }
  await enqueueApplicantNotice(
    db,
    { dossierCode: dossier.code, event, dedupeKey: `notify:${dossier.code}:${event}:${change.seq}`, ...(change.reason ? { reason: change.reason } : {}), ...(items.length ? { items } : {}) },
    now,
  );
}
