import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIEU06_COLUMNS, type Bieu06Column, computeBieu06, counts, countsOf, VIEWS, type TimelinessView } from '../../src/domain/report/bieu06.ts';
import { type CutoffRule, parsePeriod } from '../../src/domain/report/period.ts';
import type { Db } from '../../src/server/db/database.ts';
import { backfillReportProjection } from '../../src/server/db/migrations/0070-report-projection.ts';
import { buildBieu06 } from '../../src/server/modules/reports/bieu06.report.ts';
import { bieu06CellDossiers, evaluationMoment } from '../../src/server/modules/reports/bieu06.sql.ts';
import { listReportDossiers } from '../../src/server/modules/reports/report.repository.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { generateDossiers, type ModelDossier } from './random-dossiers.ts';

const AS_OF = '2026-12-10T04:00:00.000Z';
const vnDayOf = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);

/** Brute force: for one dossier and one column, decide membership straight from the generator's model. */
function inColumn(m: ModelDossier, col: Bieu06Column, start: string, end: string, asOf: string, view: TimelinessView): boolean {
  if (m.receivedAt === null) return false;
  const S = Date.parse(start);
  const E = Date.parse(end);
  const rec = Date.parse(m.receivedAt);
  const fin = m.finish ? Date.parse(m.finish.at) : null;
  const counted = rec < E && (fin === null || fin >= S);
  if (!counted) return false;
  const dueAt = (moment: number): number => {
    const changes = [...m.legalDues.map((d) => ({ ...d, ext: false })), ...(m.extension ? [{ ...m.extension, ext: true }] : [])]
      .filter((c) => Date.parse(c.at) <= moment && (view === 'extended' || !c.ext))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return Date.parse(changes[changes.length - 1]!.dueAt);
  };
  const done = fin !== null && fin < E;
  switch (col) {
    case '3':
      return true;
    case '4':
      return rec >= S && m.channel === 'online';
    case '5':
      return rec >= S && m.channel !== 'online';
    case '6':
      return rec < S;
    case '7':
      return done;
    case '8':
    case '9':
    case '10': {
      if (!done) return false;
      const due = dueAt(fin);
      const late = fin > due;
      const early = !late && vnDayOf(m.finish!.at) < vnDayOf(new Date(due).toISOString());
      return col === '10' ? late : col === '8' ? early : !late && !early;
    }
    case '11':
      return !done;
    case '12':
    case '13': {
      if (done) return false;
      const at = Math.min(E, Date.parse(asOf));
      const paused = m.pause !== null && Date.parse(m.pause.start) <= at && (m.pause.end === null || Date.parse(m.pause.end) > at);
      const overdue = !paused && at > dueAt(at);
      return col === '13' ? overdue : !overdue;
    }
  }
}

describeEachDialect('Biểu 06 against a brute-force recount of random dossiers', (dialect) => {
  let db: Db;
  const models: ModelDossier[] = [];
  beforeAll(async () => {
    db = await openTestDb(dialect);
    for (const seed of [11, 2026]) models.push(...(await generateDossiers(db.kysely, seed, 250, AS_OF)));
  });
  afterAll(async () => {
    await db.close();
  });

  const cases: [string, CutoffRule][] = [
    ['2026-07', 'calendar'],
    ['2026-Q3', 'calendar'],
    ['2026-H1', 'calendar'],
    ['2026-H2', 'day15'],
    ['2026', 'calendar'],
    ['2026', 'day15'],
    ['2026-Q1', 'day15'],
    ['2026-12', 'calendar'],
  ];
  for (const [key, cutoff] of cases) {
    it(`${key} (${cutoff}): every cell of every row, both views, equals the recount, and the column invariants hold`, async () => {
      const period = parsePeriod(key, cutoff);
      const asOf = AS_OF;
      const dossiers = await listReportDossiers(db.kysely, period.start, period.end);
      for (const view of VIEWS) {
        const report = computeBieu06(dossiers, period, asOf, view);
        const rows = [{ filter: (_m: ModelDossier) => true, cells: report.total }, ...report.rows.map((r) => ({
          filter: (m: ModelDossier) => (r.procedureCode ? m.procedureCode === r.procedureCode : m.field === r.field),
          cells: r.cells,
        }))];
        for (const row of rows) {
          const c = counts(row.cells);
          for (const col of BIEU06_COLUMNS) {
            const expected = models.filter((m) => row.filter(m) && inColumn(m, col, period.start, period.end, asOf, view)).map((m) => m.code).sort();
            expect([...row.cells[col]].sort(), `${key} ${view} col ${col}`).toEqual(expected);
          }
          expect(c['3']).toBe(c['7'] + c['11']);
          expect(c['7']).toBe(c['8'] + c['9'] + c['10']);
          expect(c['11']).toBe(c['12'] + c['13']);
          expect(c['3']).toBe(c['4'] + c['5'] + c['6']);
        }
        // Rows partition the total: the field rows add up, and every field's procedures add up to it.
        const fields = report.rows.filter((r) => r.kind === 'field');
        for (const col of BIEU06_COLUMNS) {
          expect(fields.reduce((s, r) => s + r.cells[col].length, 0)).toBe(report.total[col].length);
        }
        expect(report.total['3'].length).toBeGreaterThan(0);
      }
      // The extended view never has more late dossiers than the original one.
      const o = counts(computeBieu06(dossiers, period, asOf, 'original').total);
      const e = counts(computeBieu06(dossiers, period, asOf, 'extended').total);
      expect(e['10']).toBeLessThanOrEqual(o['10']);
    });
  }

  for (const [key, cutoff] of cases) {
    it(`${key} (${cutoff}): the SQL aggregate equals the oracle computeBieu06 cell by cell, and the drill-down lists its dossiers`, async () => {
      const period = parsePeriod(key, cutoff);
      const dossiers = await listReportDossiers(db.kysely, period.start, period.end);
      const product = await buildBieu06(db.kysely, period, AS_OF);
      for (const view of VIEWS) {
        const oracle = computeBieu06(dossiers, period, AS_OF, view);
        // Same rows, same order and numbering, same counts.
        expect(product.views[view], `${key} ${view}`).toEqual(countsOf(oracle));
        // The drill-down: the total, the first field and the first procedure of each column.
        const field = oracle.rows.find((r) => r.kind === 'field')!;
        const procedure = oracle.rows.find((r) => r.kind === 'procedure')!;
        for (const column of BIEU06_COLUMNS) {
          for (const [cell, expected] of [
            [{}, oracle.total[column]],
            [{ field: field.field }, field.cells[column]],
            [{ procedure: procedure.procedureCode! }, procedure.cells[column]],
          ] as const) {
            const got = await bieu06CellDossiers(db.kysely, { ...period, asOf: AS_OF }, { view, column, ...cell }, { limit: 10_000, offset: 0 });
            expect(got.count, `${key} ${view} col ${column} ${JSON.stringify(cell)}`).toBe(expected.length);
            expect(got.dossiers.map((d) => d.code), `${key} ${view} col ${column} ${JSON.stringify(cell)}`).toEqual(expected);
          }
        }
      }
    });
  }

  it('every month and quarter of 2026: the SQL aggregate equals the oracle, including dossiers open at the end whose appointment or pause changed later', async () => {
    const keys = [...Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`), '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2025-12'];
    let later = 0;
    for (const key of keys) {
      const period = parsePeriod(key, 'calendar');
      const dossiers = await listReportDossiers(db.kysely, period.start, period.end);
      const product = await buildBieu06(db.kysely, period, AS_OF);
      for (const view of VIEWS) expect(product.views[view], `${key} ${view}`).toEqual(countsOf(computeBieu06(dossiers, period, AS_OF, view)));
      // Those the row alone cannot answer (bieu06.sql.ts reads their event log): the test must meet some.
      const m = evaluationMoment({ ...period, asOf: AS_OF });
      later += dossiers.filter((d) => (d.finishedAt === null || d.finishedAt >= period.end) && (d.dues.some((c) => c.at > m) || d.pauses.some((p) => p.startedAt > m || (p.endedAt !== null && p.endedAt > m)))).length;
    }
    expect(later).toBeGreaterThan(30);
  });

  it('migration 0070 backfills the same projection as the writers (outcomes, pause, last due change)', async () => {
    const cols = ['id', 'finished_at', 'outcome_original', 'outcome_extended', 'paused_since', 'due_changed_at'] as const;
    const before = await db.kysely.selectFrom('dossier').select(cols).orderBy('id').execute();
    expect(before.filter((r) => r.outcome_original === 'early').length).toBeGreaterThan(0);
    expect(before.filter((r) => r.outcome_extended === 'late').length).toBeGreaterThan(0);
    await db.kysely.updateTable('dossier').set({ finished_at: null, outcome_original: null, outcome_extended: null, paused_since: null, due_changed_at: null }).execute();
    await backfillReportProjection(db.kysely);
    const after = await db.kysely.selectFrom('dossier').select(cols).orderBy('id').execute();
    expect(after).toEqual(before);
  });

  it('the generator hits every column somewhere (the test can fail)', async () => {
    const period = parsePeriod('2026', 'calendar');
    const dossiers = await listReportDossiers(db.kysely, period.start, period.end);
    const c = counts(computeBieu06(dossiers, period, AS_OF, 'original').total);
    for (const col of BIEU06_COLUMNS) expect(c[col], `column ${col}`).toBeGreaterThan(0);
  });
});
