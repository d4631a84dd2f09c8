import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIEU06_COLUMNS, type Bieu06Column, computeBieu06, counts, VIEWS, type TimelinessView } from '../../src/domain/report/bieu06.ts';
import { type CutoffRule, parsePeriod } from '../../src/domain/report/period.ts';
import type { Db } from '../../src/server/db/database.ts';
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

  it('the generator hits every column somewhere (the test can fail)', async () => {
    const period = parsePeriod('2026', 'calendar');
    const dossiers = await listReportDossiers(db.kysely, period.start, period.end);
    const c = counts(computeBieu06(dossiers, period, AS_OF, 'original').total);
    for (const col of BIEU06_COLUMNS) expect(c[col], `column ${col}`).toBeGreaterThan(0);
  });
});
