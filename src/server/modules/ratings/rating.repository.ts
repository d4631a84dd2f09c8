import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, RatingTable } from '../../db/schema.ts';

/** The criteria of Decree 61 Art 31 and Circular 01/2018 indicators 1, 3, 7 that a citizen can judge (DOMAIN.md 11). */
export const RATING_CRITERIA = {
  timeliness: 'Thời gian giải quyết (đúng hẹn)',
  trips: 'Số lần phải đi lại',
  attitude: 'Thái độ của cán bộ',
  extra_costs: 'Chi phí ngoài quy định',
  guidance: 'Hướng dẫn rõ ràng, đầy đủ',
  other: 'Lý do khác',
} as const;
export type RatingCriterion = keyof typeof RATING_CRITERIA;

export const SCORE_LABEL: Record<number, string> = {
  1: 'Rất không hài lòng',
  2: 'Không hài lòng',
  3: 'Bình thường',
  4: 'Hài lòng',
  5: 'Rất hài lòng',
};

export interface Rating {
  id: number;
  token: string;
  dossierId: number | null;
  ticketId: number | null;
  officerId: number | null;
  createdAt: string;
  score: number | null;
  reasons: RatingCriterion[];
  trips: number | null;
  extraCosts: boolean | null;
  comment: string | null;
  ratedAt: string | null;
  followUp: 'none' | 'open' | 'resolved';
  followUpNote: string | null;
  resolvedBy: number | null;
  resolvedAt: string | null;
}

export function toRating(r: Selectable<RatingTable>): Rating {
  return {
    id: r.id,
    token: r.token,
    dossierId: r.dossier_id,
    ticketId: r.ticket_id,
    officerId: r.officer_id,
    createdAt: r.created_at,
    score: r.score,
    reasons: r.reasons ? (JSON.parse(r.reasons) as RatingCriterion[]) : [],
    trips: r.trips,
    extraCosts: r.extra_costs === null ? null : r.extra_costs === 1,
    comment: r.comment,
    ratedAt: r.rated_at,
    followUp: r.follow_up as Rating['followUp'],
    followUpNote: r.follow_up_note,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
  };
}

/** 144 random bits, URL-safe: the rating link is a capability, unguessable and single-use. */
export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

export function ratingUrl(base: string, token: string): string {
  return `${base}/danh-gia/${token}`;
}

/**
 * The one rating invitation of a dossier (created on first need, never twice: dossier_id is unique). Links the
 * counter ticket that served it, if any; the officer is whoever returned it, or received it until then.
 */
export async function ensureDossierRating(db: Kysely<Database>, dossierId: number, officerId: number | null, now: Date): Promise<Rating> {
  const ticket = await db.selectFrom('queue_ticket').select(['id']).where('dossier_id', '=', dossierId).orderBy('id', 'desc').executeTakeFirst();
  await db
    .insertInto('rating')
    .values({ token: newToken(), dossier_id: dossierId, ticket_id: null, officer_id: officerId, created_at: now.toISOString(), follow_up: 'none' })
    .onConflict((oc) => oc.column('dossier_id').doNothing())
    .execute();
  const row = await db.selectFrom('rating').selectAll().where('dossier_id', '=', dossierId).executeTakeFirstOrThrow();
  if (row.score === null && ((officerId !== null && row.officer_id !== officerId) || (ticket && row.ticket_id === null))) {
    // Until rated, the invitation follows the latest officer at the counter (the one who returns the result).
    const ticketFree = ticket ? !(await db.selectFrom('rating').select('id').where('ticket_id', '=', ticket.id).executeTakeFirst()) : false;
    await db
      .updateTable('rating')
      .set({ officer_id: officerId ?? row.officer_id, ...(ticketFree && ticket ? { ticket_id: ticket.id } : {}) })
      .where('id', '=', row.id)
      .execute();
    return toRating((await db.selectFrom('rating').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()));
  }
  return toRating(row);
}

/** Opens the dossier's rating invitation if it has none (one statement, for the receipt path). */
export async function openDossierRating(db: Kysely<Database>, dossierId: number, officerId: number | null, now: Date): Promise<void> {
  await db
    .insertInto('rating')
    .values({ token: newToken(), dossier_id: dossierId, ticket_id: null, officer_id: officerId, created_at: now.toISOString(), follow_up: 'none' })
    .onConflict((oc) => oc.column('dossier_id').doNothing())
    .execute();
}

/** A counter transaction that produced no dossier (guidance only) is rated through its ticket. */
export async function ensureTicketRating(db: Kysely<Database>, ticketId: number, officerId: number | null, now: Date): Promise<Rating> {
  await db
    .insertInto('rating')
    .values({ token: newToken(), dossier_id: null, ticket_id: ticketId, officer_id: officerId, created_at: now.toISOString(), follow_up: 'none' })
    .onConflict((oc) => oc.column('ticket_id').doNothing())
    .execute();
  return toRating(await db.selectFrom('rating').selectAll().where('ticket_id', '=', ticketId).executeTakeFirstOrThrow());
}

export async function ratingUrlForDossier(db: Kysely<Database>, dossierId: number, base: string, now: Date): Promise<string> {
  const r = await ensureDossierRating(db, dossierId, null, now);
  return ratingUrl(base, r.token);
}

export async function findRatingByToken(db: Kysely<Database>, token: string): Promise<Rating | undefined> {
  const r = await db.selectFrom('rating').selectAll().where('token', '=', token).executeTakeFirst();
  return r ? toRating(r) : undefined;
}
