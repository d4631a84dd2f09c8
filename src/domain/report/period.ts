/**
 * Reporting periods (DOMAIN.md 9.3): a month "2026-07", a quarter "2026-Q3", a half year "2026-H1" or a
 * year "2026". The data cut-off is configuration: 'calendar' (1st to last day, the newer regulations) or
 * 'day15' (from the 15th of the month before the period to the 14th of its last month, Decree 09/2019 Art 12).
 * Days are Vietnamese calendar days; instants are the UTC moments of their midnights in UTC+7.
 */
import { DomainError } from '../errors.ts';

export const CUTOFF_RULES = ['calendar', 'day15'] as const;
export type CutoffRule = (typeof CUTOFF_RULES)[number];
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface ReportPeriod {
  key: string;
  kind: PeriodKind;
  year: number;
  cutoff: CutoffRule;
  /** First and last day included (YYYY-MM-DD, Vietnam). */
  firstDay: string;
  lastDay: string;
  /** [start, end) as ISO instants. */
  start: string;
  end: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Midnight at the start of a Vietnamese day, as an ISO UTC instant. */
export function vnMidnight(day: string): string {
  return new Date(`${day}T00:00:00+07:00`).toISOString();
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function parsePeriod(key: string, cutoff: CutoffRule = 'calendar'): ReportPeriod {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/.exec(key.trim());
  if (!m) {
    throw new DomainError(
      'VALIDATION_ERROR',
      'Kỳ báo cáo (period) phải có dạng 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng) hoặc 2026 (năm).',
      { field: 'period' },
    );
  }
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) throw new DomainError('VALIDATION_ERROR', 'Năm của kỳ báo cáo (period) không hợp lệ.', { field: 'period' });
  let kind: PeriodKind;
  let fromMonth: number;
  let toMonth: number;
  let label: string;
  if (m[2]) {
    kind = 'month';
    fromMonth = toMonth = Number(m[2]);
    label = `Tháng ${fromMonth}/${year}`;
  } else if (m[3]) {
    kind = 'quarter';
    const q = Number(m[3]);
    fromMonth = (q - 1) * 3 + 1;
    toMonth = fromMonth + 2;
    label = `Quý ${['I', 'II', 'III', 'IV'][q - 1]} năm ${year}`;
  } else if (m[4]) {
    kind = 'half';
    const h = Number(m[4]);
    fromMonth = h === 1 ? 1 : 7;
    toMonth = fromMonth + 5;
    label = h === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
  } else {
    kind = 'year';
    fromMonth = 1;
    toMonth = 12;
    label = `Năm ${year}`;
  }
  let firstDay: string;
  let lastDay: string;
  if (cutoff === 'calendar') {
    firstDay = `${year}-${pad(fromMonth)}-01`;
    lastDay = lastDayOfMonth(year, toMonth);
  } else {
    // Decree 09/2019 Art 12(1): from the 15th of the month before the period to the 14th of its last month.
    const beforeYear = fromMonth === 1 ? year - 1 : year;
    const beforeMonth = fromMonth === 1 ? 12 : fromMonth - 1;
    firstDay = `${beforeYear}-${pad(beforeMonth)}-15`;
    lastDay = `${year}-${pad(toMonth)}-14`;
  }
  return {
    key: m[0],
    kind,
    year,
    cutoff,
    firstDay,
    lastDay,
    start: vnMidnight(firstDay),
    end: vnMidnight(addDays(lastDay, 1)),
    label,
  };
}

/** The period of the same kind just before (for "before/after" comparisons). */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  const [y, rest] = [p.year, p.key.slice(5)];
  switch (p.kind) {
    case 'year':
      return parsePeriod(String(y - 1), p.cutoff);
    case 'half':
      return parsePeriod(rest === 'H1' ? `${y - 1}-H2` : `${y}-H1`, p.cutoff);
    case 'quarter': {
      const q = Number(rest.slice(1));
      return parsePeriod(q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`, p.cutoff);
    }
    case 'month': {
      const mo = Number(rest);
      return parsePeriod(mo === 1 ? `${y - 1}-12` : `${y}-${pad(mo - 1)}`, p.cutoff);
    }
  }
}

/** Vietnamese display of a day: 14/06/2026. */
export function formatDayVi(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
