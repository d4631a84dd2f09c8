import type { Kysely } from 'kysely';
import { DomainError } from '../../../domain/errors.ts';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findRatingByToken, RATING_CRITERIA, type Rating, type RatingCriterion, toRating } from './rating.repository.ts';

export interface RatingInput {
  score: number;
  reasons?: string[] | undefined;
  trips?: number | undefined;
  extraCosts?: boolean | undefined;
  comment?: string | undefined;
}

/** Product rule (DOMAIN.md 17.8): 1–2 stars, or any report of costs outside the law, opens a follow-up for the monitor. */
export function needsFollowUp(score: number, extraCosts: boolean | undefined): boolean {
  return score <= 2 || extraCosts === true;
}

/**
 * One rating per dossier or ticket, given once through its unguessable link. Reasons are asked when the
 * citizen is not satisfied (3 or less), from the criteria of Decree 61 Art 31 (DOMAIN.md 11).
 */
export async function submitRating(db: Kysely<Database>, token: string, input: RatingInput, now: Date): Promise<Rating> {
  const rating = await findRatingByToken(db, token);
  if (!rating) throw new DomainError('NOT_FOUND', 'Không tìm thấy phiếu đánh giá; vui lòng kiểm tra lại đường dẫn.');
  if (rating.ratedAt !== null) throw new DomainError('ALREADY_RATED', 'Ông/bà đã đánh giá rồi. Xin cảm ơn!');
  const reasons = [...new Set(input.reasons ?? [])];
  const unknown = reasons.filter((r) => !(r in RATING_CRITERIA));
  if (unknown.length > 0) throw new DomainError('VALIDATION_ERROR', `Lý do (reasons) không hợp lệ: ${unknown.join(', ')}.`, { field: 'reasons' });
  if (input.score <= 3 && reasons.length === 0) {
    throw new DomainError('VALIDATION_ERROR', 'Xin ông/bà cho biết lý do chưa hài lòng (reasons): chọn ít nhất một tiêu chí.', { field: 'reasons' });
  }
  const comment = input.comment?.normalize('NFC').trim() || null;
  if (reasons.includes('other') && !comment) {
    throw new DomainError('VALIDATION_ERROR', 'Xin ông/bà ghi rõ lý do khác (comment).', { field: 'comment' });
  }
  const at = now.toISOString();
  const followUp = needsFollowUp(input.score, input.extraCosts) ? 'open' : 'none';
  const r = await db
    .updateTable('rating')
    .set({
      score: input.score,
      reasons: JSON.stringify(reasons as RatingCriterion[]),
      trips: input.trips ?? null,
      extra_costs: input.extraCosts === undefined ? null : input.extraCosts ? 1 : 0,
      comment,
      rated_at: at,
      follow_up: followUp,
    })
    .where('id', '=', rating.id)
    .where('rated_at', 'is', null)
    .executeTakeFirst();
  // A concurrent submission through the same link won the race.
  if (Number(r.numUpdatedRows) === 0) throw new DomainError('ALREADY_RATED', 'Ông/bà đã đánh giá rồi. Xin cảm ơn!');
  await appendAudit(db, null, 'rating.submitted', 'rating', String(rating.id), { score: input.score, followUp }, now);
  return toRating(await db.selectFrom('rating').selectAll().where('id', '=', rating.id).executeTakeFirstOrThrow());
}

export async function resolveFollowUp(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  note: string,
  now: Date,
): Promise<Rating> {
  const row = await db.selectFrom('rating').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.follow_up === 'none') throw new DomainError('NOT_FOUND', `Không có việc theo dõi đánh giá số ${id}.`);
  if (row.follow_up === 'resolved') throw new DomainError('CONFLICT', 'Việc theo dõi này đã được xử lý xong.');
  const text = note.normalize('NFC').trim();
  if (text.length < 3) throw new DomainError('VALIDATION_ERROR', 'Cần ghi kết quả xử lý (note).', { field: 'note' });
  await db
    .updateTable('rating')
    .set({ follow_up: 'resolved', follow_up_note: text, resolved_by: actor.id, resolved_at: now.toISOString() })
    .where('id', '=', id)
    .where('follow_up', '=', 'open')
    .execute();
  await appendAudit(db, actor, 'rating.follow_up_resolved', 'rating', String(id), { note: text }, now);
  return toRating(await db.selectFrom('rating').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}
