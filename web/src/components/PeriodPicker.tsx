import { Select, Space } from 'antd';
import { useSearchParam } from '../lib/search-param.ts';

/** Report periods as the API spells them (docs/reports.md): 2026-07, 2026-Q3, 2026-H1, 2026. */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
const KIND_VI: Record<PeriodKind, string> = { month: 'Tháng', quarter: 'Quý', half: '6 tháng', year: 'Năm' };

function vnToday(): { year: number; month: number } {
  const d = new Date(Date.now() + 7 * 3600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

export function defaultPeriod(kinds: readonly PeriodKind[]): string {
  const { year, month } = vnToday();
  if (kinds.includes('quarter')) return `${year}-Q${Math.ceil(month / 3)}`;
  if (kinds.includes('month')) return `${year}-${String(month).padStart(2, '0')}`;
  return String(year);
}

export function parseKey(key: string): { kind: PeriodKind; year: number; part: number } {
  const [y, p] = key.split('-');
  const year = Number(y);
  if (!p) return { kind: 'year', year, part: 1 };
  if (p.startsWith('Q')) return { kind: 'quarter', year, part: Number(p.slice(1)) };
  if (p.startsWith('H')) return { kind: 'half', year, part: Number(p.slice(1)) };
  return { kind: 'month', year, part: Number(p) };
}

function makeKey(kind: PeriodKind, year: number, part: number): string {
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${Math.min(part, 4)}`;
  if (kind === 'half') return `${year}-H${Math.min(part, 2)}`;
  return `${year}-${String(part).padStart(2, '0')}`;
}

const PARTS: Record<PeriodKind, { value: number; label: string }[]> = {
  month: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `Tháng ${i + 1}` })),
  quarter: [1, 2, 3, 4].map((q) => ({ value: q, label: `Quý ${['I', 'II', 'III', 'IV'][q - 1]}` })),
  half: [
    { value: 1, label: '6 tháng đầu năm' },
    { value: 2, label: '6 tháng cuối năm' },
  ],
  year: [],
};

/** The report period kept in the address (?period=…), so a report can be bookmarked and shared. */
export function usePeriod(kinds: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year']): [string, (key: string) => void] {
  const [requested, setPeriod] = useSearchParam('period');
  const period = requested && kinds.includes(parseKey(requested).kind) ? requested : defaultPeriod(kinds);
  return [period, setPeriod];
}

/** Kind, year and part of a report period; every control has a label for screen readers. */
export function PeriodPicker({ value, onChange, kinds = ['month', 'quarter', 'half', 'year'] }: { value: string; onChange: (key: string) => void; kinds?: readonly PeriodKind[] }) {
  const { kind, year, part } = parseKey(value);
  const thisYear = vnToday().year;
  const years = Array.from({ length: 6 }, (_, i) => thisYear - 4 + i);
  return (
    <Space wrap>
      <Select
        aria-label="Loại kỳ báo cáo"
        value={kind}
        style={{ width: 110 }}
        options={kinds.map((k) => ({ value: k, label: KIND_VI[k] }))}
        onChange={(k: PeriodKind) => onChange(makeKey(k, year, k === 'month' ? 1 : 1))}
      />
      {kind !== 'year' && (
        <Select aria-label="Kỳ" value={part} style={{ width: 160 }} options={PARTS[kind]} onChange={(p: number) => onChange(makeKey(kind, year, p))} />
      )}
      <Select aria-label="Năm" value={year} style={{ width: 90 }} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(y: number) => onChange(makeKey(kind, y, part))} />
    </Space>
  );
}
