import type { Kysely } from 'kysely';
import { type Bieu06, computeBieu06, type ReportDossier, type TimelinessView, VIEWS } from '../../../domain/report/bieu06.ts';
import type { Database } from '../../db/schema.ts';
import { listReportDossiers } from './report.repository.ts';

export interface Bieu06Views {
  dossiers: ReportDossier[];
  views: Record<TimelinessView, Bieu06>;
}

/**
 * Biểu 06 for a period [start, end) as of `asOf`, in both views (original appointment / with extensions):
 * what GET /api/reports/bieu-06 answers with, and what `npm run bench` times.
 */
export async function buildBieu06(db: Kysely<Database>, period: { start: string; end: string }, asOf: string): Promise<Bieu06Views> {
  const dossiers = await listReportDossiers(db, period.start, period.end);
  const views = Object.fromEntries(VIEWS.map((v) => [v, computeBieu06(dossiers, period, asOf, v)])) as Record<TimelinessView, Bieu06>;
  return { dossiers, views };
}
