/**
 * Figures from the "3 không" records (issue 4: form 04 apologies, accountability records), ratings and complaints
 * (issue 5) and queue tickets reach the reports through this one interface:
 * - apologies: the `apology` table — signed in the period (signed_at), or drafted in the period and awaiting
 *   signature (drafted_at, signed_at null);
 * - late dossiers' apology status and root cause: dossier.apology_status and the latest accountability record;
 *   the breach rule itself is three-khong/breach.ts;
 * - ratings: the rating table, ratings given in the period;
 * - complaints: the complaint (PAKN) table, complaints received in the period;
 * - queue tickets: tickets issued on the ward days of the period.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Ticket, toTicket } from '../queue/queue.repository.ts';

export interface ApologyFact {
  dossierId: number;
  dossierCode: string;
  applicantName: string;
  /** Form 04 number (e.g. 03/PXL). */
  number: string;
  status: 'signed' | 'drafted';
  draftedAt: string;
  /** When the leader signed form 04 (the extension takes effect); null while it awaits signature. */
  signedAt: string | null;
  previousDueAt: string;
  newDueAt: string;
  handlerId: number | null;
  divisionId: number;
}

export interface LateDossierFact {
  apologyStatus: string | null;
  /** Root cause category of the dossier's latest accountability record; null = no record ("chưa xác định"). */
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
  /** Apology status and root cause of the given (late) dossiers, for breaches and late-by-root-cause. */
  lateDossierFacts(db: Kysely<Database>, dossierIds: number[]): Promise<Map<number, LateDossierFact>>;
  /** Queue tickets issued on the ward days firstDay..lastDay (YYYY-MM-DD, inclusive). */
  listTickets(db: Kysely<Database>, firstDay: string, lastDay: string): Promise<Ticket[]>;
}

export const currentReportInputs: ReportInputs = {
  async listApologies(db, start, end) {
    const rows = await db
      .selectFrom('apology as a')
      .innerJoin('dossier as d', 'd.id', 'a.dossier_id')
      .select(['d.id', 'd.code', 'd.applicant_name', 'd.handler_id', 'd.division_id', 'a.number', 'a.drafted_at', 'a.signed_at', 'a.previous_due_at', 'a.new_due_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('a.signed_at', '>=', start), eb('a.signed_at', '<', end)]),
          eb.and([eb('a.signed_at', 'is', null), eb('a.drafted_at', '>=', start), eb('a.drafted_at', '<', end)]),
        ]),
      )
      .orderBy('a.drafted_at')
      .execute();
    return rows.map((r) => ({
      dossierId: r.id,
      dossierCode: r.code,
      applicantName: r.applicant_name,
      number: r.number,
      status: r.signed_at === null ? 'drafted' : 'signed',
      draftedAt: r.drafted_at,
      signedAt: r.signed_at,
      previousDueAt: r.previous_due_at,
      newDueAt: r.new_due_at,
      handlerId: r.handler_id,
      divisionId: r.division_id,
    }));
  },
  async lateDossierFacts(db, dossierIds) {
    const out = new Map<number, LateDossierFact>();
    for (let i = 0; i < dossierIds.length; i += 500) {
      const ids = dossierIds.slice(i, i + 500);
      const dossiers = await db.selectFrom('dossier').select(['id', 'apology_status']).where('id', 'in', ids).execute();
      for (const d of dossiers) out.set(d.id, { apologyStatus: d.apology_status, rootCause: null });
      // The latest record of a dossier names its root cause (a dossier may be recorded again after review).
      const records = await db.selectFrom('accountability_record').select(['dossier_id', 'root_cause']).where('dossier_id', 'in', ids).orderBy('id').execute();
      for (const r of records) {
        const f = out.get(r.dossier_id);
        if (f) f.rootCause = r.root_cause;
      }
    }
    return out;
  },
  async listTickets(db, firstDay, lastDay) {
    const rows = await db.selectFrom('queue_ticket').selectAll().where('day', '>=', firstDay).where('day', '<=', lastDay).orderBy('id').execute();
    return rows.map(toTicket);
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
};
