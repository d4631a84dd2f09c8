import type { Kysely } from 'kysely';
import { assembleBieu06, type Bieu06Column, type Bieu06Counts, type CountedGroup, type TimelinessView, VIEWS } from '../../../domain/report/bieu06.ts';
import type { Database } from '../../db/schema.ts';
import { bieu06Groups } from './bieu06.sql.ts';

export interface Bieu06Views {
  views: Record<TimelinessView, Bieu06Counts>;
}

/**
 * Biểu 06 for a period [start, end) as of `asOf`, in both views (original appointment / with extensions):
 * what GET /api/reports/bieu-06 answers with, and what `npm run bench` times. One SQL aggregate over the
 * in-scope dossiers (bieu06.sql.ts), then the rows are put in the form's order here.
 */
export async function buildBieu06(db: Kysely<Database>, period: { start: string; end: string }, asOf: string): Promise<Bieu06Views> {
  const groups = await bieu06Groups(db, { ...period, asOf });
  const views = Object.fromEntries(
    VIEWS.map((view) => {
      const counted: CountedGroup[] = groups.map((g) => {
        const p = g.procedure;
        const key = view === 'original' ? g.original : g.extended;
        const columns: Bieu06Column[] = ['3', g.receipt, key === '12' || key === '13' ? '11' : '7', key];
        return { field: p.field, procedureCode: p.code, procedureName: p.name, columns, n: g.n };
      });
      return [view, assembleBieu06(counted, view)];
    }),
  ) as Record<TimelinessView, Bieu06Counts>;
  return { views };
}

/** The totals of one view only (the public board, the month-by-month lines). */
export async function bieu06Totals(db: Kysely<Database>, period: { start: string; end: string }, asOf: string, view: TimelinessView = 'original') {
  return (await buildBieu06(db, period, asOf)).views[view].total;
}
