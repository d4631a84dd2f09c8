/**
 * Figures that depend on apologies (issue 4, branch three-khong), ratings (issue 5, branch three-biet) and
 * complaints come through this one interface, so that the report code does not change when those tables land.
 * TODAY's implementation (`currentReportInputs`) reads what exists:
 * - apologies: dossier.extension_count / extended_due_at (an extension is only possible with a signed form 04);
 *   breaches (late without a signed apology) cannot be told apart yet → `breaches: null`;
 * - ratings: the rating table (issue 5), ratings given in the period;
 * - complaints: the complaint (PAKN) table, complaints received in the period.
 * SWITCH when the other branches merge: `listApologies` → the apology table (signed_at, signer, root cause,
 * breach flag).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface ApologyFact {
  dossierId: number;
  dossierCode: string;
  applicantName: string;
  /** When the apology/extension was signed (today: the extend_deadline event). */
  signedAt: string;
  previousDueAt: string | null;
  newDueAt: string;
  handlerId: number | null;
  divisionId: number;
  /** Root cause category (issue 4); null until known. */
  rootCause: string | null;
}

export interface RatingSummary {
  count: number;
  /** 'satisfied' | 'neutral' | 'dissatisfied' counts, and dossier ids with a dissatisfied rating. */
  satisfied: number;
  neutral: number;
  dissatisfied: number;
  dissatisfiedDossierIds: number[];
  byHandler: Map<number, { count: number; satisfied: number; dissatisfied: number }>;
}

export interface ComplaintFact {
  trackingCode: string;
  category: string;
  dossierId: number | null;
  staffId: number | null;
  receivedAt: string;
  dueAt: string;
  answeredAt: string | null;
  substantiated: boolean | null;
}

export interface ReportInputs {
  listApologies(db: Kysely<Database>, start: string, end: string): Promise<ApologyFact[]>;
  /** null = no rating data yet ("chưa có dữ liệu"). */
  ratingSummary(db: Kysely<Database>, start: string, end: string): Promise<RatingSummary | null>;
  /** null = no complaint data yet. */
  listComplaints(db: Kysely<Database>, start: string, end: string): Promise<ComplaintFact[] | null>;
  /** Late dossiers signed off without an apology (breach, DOMAIN.md 17.5); null until issue 4 lands. */
  breachDossierIds(db: Kysely<Database>, start: string, end: string): Promise<number[] | null>;
}

export const currentReportInputs: ReportInputs = {
  async listApologies(db, start, end) {
    const rows = await db
      .selectFrom('dossier_event as e')
      .innerJoin('dossier as d', 'd.id', 'e.dossier_id')
      .select(['d.id', 'd.code', 'd.applicant_name', 'd.handler_id', 'd.division_id', 'e.at', 'e.payload'])
      .where('e.action', '=', 'extend_deadline')
      .where('e.at', '>=', start)
      .where('e.at', '<', end)
      .orderBy('e.at')
      .execute();
    return rows.map((r) => {
      const p = JSON.parse(r.payload) as { previousDueAt?: string | null; newDueAt: string };
      return {
        dossierId: r.id,
        dossierCode: r.code,
        applicantName: r.applicant_name,
        signedAt: r.at,
        previousDueAt: p.previousDueAt ?? null,
        newDueAt: p.newDueAt,
        handlerId: r.handler_id,
        divisionId: r.division_id,
        rootCause: null,
      };
    });
  },
  async ratingSummary(db, start, end) {
    // Ratings given in the period (issue 5); five levels, 4–5 satisfied, 3 neutral, 1–2 dissatisfied
    // (the satisfaction scale of Decree 61 Art 31 as grouped in DOMAIN.md 11). A rating follows the dossier's
    // handler when it has one (the officer who did the work), otherwise the counter officer it names.
    const rows = await db
      .selectFrom('rating as r')
      .leftJoin('dossier as d', 'd.id', 'r.dossier_id')
      .select(['r.score', 'r.dossier_id', 'r.officer_id', 'd.handler_id'])
      .where('r.score', 'is not', null)
      .where('r.rated_at', '>=', start)
      .where('r.rated_at', '<', end)
      .execute();
    const summary: RatingSummary = { count: 0, satisfied: 0, neutral: 0, dissatisfied: 0, dissatisfiedDossierIds: [], byHandler: new Map() };
    for (const r of rows) {
      const score = Number(r.score);
      const level = score >= 4 ? 'satisfied' : score === 3 ? 'neutral' : 'dissatisfied';
      summary.count++;
      summary[level]++;
      if (level === 'dissatisfied' && r.dossier_id !== null) summary.dissatisfiedDossierIds.push(r.dossier_id);
      const who = r.handler_id ?? r.officer_id;
      if (who !== null) {
        const h = summary.byHandler.get(who) ?? { count: 0, satisfied: 0, dissatisfied: 0 };
        h.count++;
        if (level === 'satisfied') h.satisfied++;
        if (level === 'dissatisfied') h.dissatisfied++;
        summary.byHandler.set(who, h);
      }
    }
    // No rating given in the period reads as "no data yet" (chưa có dữ liệu), not as a score.
    return summary.count === 0 ? null : summary;
  },
  async listComplaints(db, start, end) {
    const rows = await db
      .selectFrom('complaint as c')
      .leftJoin('dossier as d', 'd.id', 'c.dossier_id')
      .select(['c.tracking_code', 'c.category', 'c.dossier_id', 'c.staff_id', 'd.handler_id', 'c.received_at', 'c.due_at', 'c.answered_at', 'c.substantiated'])
      .where('c.received_at', '>=', start)
      .where('c.received_at', '<', end)
      .orderBy('c.received_at')
      .execute();
    return rows.map((r) => ({
      trackingCode: r.tracking_code,
      category: r.category,
      dossierId: r.dossier_id,
      // A complaint about a dossier counts against the officer who handled it unless it names someone else.
      staffId: r.staff_id ?? r.handler_id ?? null,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      answeredAt: r.answered_at,
      substantiated: r.substantiated === null ? null : r.substantiated === 1,
    }));
  },
  async breachDossierIds() {
    return null;
  },
};
