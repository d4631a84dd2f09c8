/**
 * Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP; DOMAIN.md 9.2): situation and results of handling
 * administrative procedures at the body that handles them. Pure: the caller loads the dossiers.
 *
 * Definitions (docs/reports.md):
 * - in scope: received (received_at set) before the end of the period, and not finished before its start;
 * - col 4/5: received in the period online / in person or by post; col 6: received before the period (carried over);
 * - col 7: finished in the period; finished = result sent to the one-stop (result_ready_at), or closed without
 *   a result (refused after receipt, withdrawn, stopped) at closed_at; col 8/9/10 classify the finishing moment
 *   against the appointment in force at that moment (src/domain/dossier/timeliness.ts);
 * - col 11: not finished at the end of the period; col 13: its appointment had passed at the evaluation moment
 *   (end of the period, or now for the running period); a dossier waiting for a supplement (clock stopped,
 *   Decree 61 Art 19(4)) is within time; col 12 = the rest.
 * - Two views (DOMAIN.md 17.6, 18.4): 'original' ignores extensions (form 04), 'extended' uses them.
 */
import { classify } from '../dossier/timeliness.ts';

export type TimelinessView = 'original' | 'extended';
export const VIEWS: readonly TimelinessView[] = ['original', 'extended'];

export interface DueChange {
  at: string;
  dueAt: string;
  /** 'legal': set at receipt or when the clock restarted after a supplement; 'extension': form 04. */
  kind: 'legal' | 'extension';
}

export interface ReportDossier {
  id: number;
  code: string;
  procedureCode: string;
  procedureName: string;
  field: string;
  divisionId: number;
  handlerId: number | null;
  channel: string;
  status: string;
  receivedAt: string;
  finishedAt: string | null;
  returnedAt: string | null;
  /** Ascending by `at`. */
  dues: DueChange[];
  pauses: { startedAt: string; endedAt: string | null }[];
  supplementCount: number;
  extensionCount: number;
}

export const BIEU06_COLUMNS = ['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const;
export type Bieu06Column = (typeof BIEU06_COLUMNS)[number];

export const BIEU06_COLUMN_LABEL: Record<Bieu06Column, string> = {
  '3': 'Tổng số hồ sơ tiếp nhận',
  '4': 'Trực tuyến',
  '5': 'Trực tiếp, dịch vụ bưu chính',
  '6': 'Từ kỳ trước',
  '7': 'Tổng số hồ sơ đã giải quyết',
  '8': 'Trước hạn',
  '9': 'Đúng hạn',
  '10': 'Quá hạn',
  '11': 'Tổng số hồ sơ đang giải quyết',
  '12': 'Trong hạn',
  '13': 'Quá hạn',
};

export type Cells = Record<Bieu06Column, string[]>;

export interface Bieu06Row {
  kind: 'field' | 'procedure';
  /** Row number as printed: "1", "2"… for fields, "1.1"… for procedures. */
  no: string;
  label: string;
  field: string;
  procedureCode: string | null;
  cells: Cells;
}

export interface Bieu06 {
  view: TimelinessView;
  rows: Bieu06Row[];
  total: Cells;
}

/** The appointment in force at moment `at` in the given view, or null before receipt. */
export function dueInForce(d: ReportDossier, at: string, view: TimelinessView): string | null {
  const t = Date.parse(at);
  let due: string | null = null;
  for (const c of d.dues) {
    if (Date.parse(c.at) > t) break;
    if (view === 'original' && c.kind === 'extension') continue;
    due = c.dueAt;
  }
  return due;
}

function isPausedAt(d: ReportDossier, at: string): boolean {
  const t = Date.parse(at);
  return d.pauses.some((p) => Date.parse(p.startedAt) <= t && (p.endedAt === null || Date.parse(p.endedAt) > t));
}

export function inScope(d: ReportDossier, start: string, end: string): boolean {
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (Date.parse(d.receivedAt) >= e) return false;
  return d.finishedAt === null || Date.parse(d.finishedAt) >= s;
}

/** The columns a dossier is counted in (empty when out of scope). */
export function columnsOf(d: ReportDossier, start: string, end: string, asOf: string, view: TimelinessView): Bieu06Column[] {
  if (!inScope(d, start, end)) return [];
  const cols: Bieu06Column[] = ['3'];
  if (Date.parse(d.receivedAt) < Date.parse(start)) cols.push('6');
  else cols.push(d.channel === 'online' ? '4' : '5');
  if (d.finishedAt !== null && Date.parse(d.finishedAt) < Date.parse(end)) {
    cols.push('7');
    const due = dueInForce(d, d.finishedAt, view);
    const outcome = due === null ? 'on_time' : classify(d.finishedAt, due);
    cols.push(outcome === 'early' ? '8' : outcome === 'on_time' ? '9' : '10');
  } else {
    cols.push('11');
    const m = Date.parse(asOf) < Date.parse(end) ? asOf : end;
    const due = dueInForce(d, m, view);
    const overdue = due !== null && !isPausedAt(d, m) && Date.parse(m) > Date.parse(due);
    cols.push(overdue ? '13' : '12');
  }
  return cols;
}

export function emptyCells(): Cells {
  return Object.fromEntries(BIEU06_COLUMNS.map((c) => [c, [] as string[]])) as unknown as Cells;
}

export function counts(cells: Cells): Record<Bieu06Column, number> {
  return Object.fromEntries(BIEU06_COLUMNS.map((c) => [c, cells[c].length])) as Record<Bieu06Column, number>;
}

const collator = new Intl.Collator('vi');

/** Rows by field (lĩnh vực), each followed by its procedures; every number keeps the dossier codes behind it. */
export function computeBieu06(
  dossiers: readonly ReportDossier[],
  period: { start: string; end: string },
  asOf: string,
  view: TimelinessView,
): Bieu06 {
  const total = emptyCells();
  const byField = new Map<string, { cells: Cells; procedures: Map<string, { name: string; cells: Cells }> }>();
  for (const d of dossiers) {
    const cols = columnsOf(d, period.start, period.end, asOf, view);
    if (cols.length === 0) continue;
    let f = byField.get(d.field);
    if (!f) byField.set(d.field, (f = { cells: emptyCells(), procedures: new Map() }));
    let p = f.procedures.get(d.procedureCode);
    if (!p) f.procedures.set(d.procedureCode, (p = { name: d.procedureName, cells: emptyCells() }));
    for (const c of cols) {
      total[c].push(d.code);
      f.cells[c].push(d.code);
      p.cells[c].push(d.code);
    }
  }
  const rows: Bieu06Row[] = [];
  const fields = [...byField.keys()].sort(collator.compare);
  fields.forEach((field, i) => {
    const f = byField.get(field)!;
    rows.push({ kind: 'field', no: String(i + 1), label: field, field, procedureCode: null, cells: f.cells });
    const procs = [...f.procedures.entries()].sort((a, b) => collator.compare(a[1].name, b[1].name));
    procs.forEach(([code, p], j) => {
      rows.push({ kind: 'procedure', no: `${i + 1}.${j + 1}`, label: p.name, field, procedureCode: code, cells: p.cells });
    });
  });
  return { view, rows, total };
}

// --- The product form: counts per cell (the SQL aggregate, src/server/modules/reports/bieu06.sql.ts) --------

export type Counts = Record<Bieu06Column, number>;

export interface Bieu06CountRow {
  kind: 'field' | 'procedure';
  no: string;
  label: string;
  field: string;
  procedureCode: string | null;
  counts: Counts;
}

/** Biểu 06 as printed: the same rows, order and numbering as computeBieu06, with a count in each cell. */
export interface Bieu06Counts {
  view: TimelinessView;
  rows: Bieu06CountRow[];
  total: Counts;
}

export function zeroCounts(): Counts {
  return Object.fromEntries(BIEU06_COLUMNS.map((c) => [c, 0])) as Counts;
}

/** A group of `n` dossiers of one procedure counted in the same columns. */
export interface CountedGroup {
  field: string;
  procedureCode: string;
  procedureName: string;
  columns: readonly Bieu06Column[];
  n: number;
}

/** Rows by field (sorted as computeBieu06 sorts them), each followed by its procedures (by name, then code). */
export function assembleBieu06(groups: readonly CountedGroup[], view: TimelinessView): Bieu06Counts {
  const total = zeroCounts();
  const byField = new Map<string, { counts: Counts; procedures: Map<string, { name: string; counts: Counts }> }>();
  for (const g of groups) {
    if (g.n === 0 || g.columns.length === 0) continue;
    let f = byField.get(g.field);
    if (!f) byField.set(g.field, (f = { counts: zeroCounts(), procedures: new Map() }));
    let p = f.procedures.get(g.procedureCode);
    if (!p) f.procedures.set(g.procedureCode, (p = { name: g.procedureName, counts: zeroCounts() }));
    for (const c of g.columns) {
      total[c] += g.n;
      f.counts[c] += g.n;
      p.counts[c] += g.n;
    }
  }
  const rows: Bieu06CountRow[] = [];
  [...byField.keys()].sort(collator.compare).forEach((field, i) => {
    const f = byField.get(field)!;
    rows.push({ kind: 'field', no: String(i + 1), label: field, field, procedureCode: null, counts: f.counts });
    const procs = [...f.procedures.entries()].sort((a, b) => collator.compare(a[1].name, b[1].name) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    procs.forEach(([code, p], j) => {
      rows.push({ kind: 'procedure', no: `${i + 1}.${j + 1}`, label: p.name, field, procedureCode: code, counts: p.counts });
    });
  });
  return { view, rows, total };
}

/** The oracle's answer (dossier codes per cell) as counts: what the SQL aggregate must equal. */
export function countsOf(b: Bieu06): Bieu06Counts {
  return { view: b.view, total: counts(b.total), rows: b.rows.map((r) => ({ kind: r.kind, no: r.no, label: r.label, field: r.field, procedureCode: r.procedureCode, counts: counts(r.cells) })) };
}
