import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../../lib/http.ts';
import type { Bieu06Column, DueChange, TimelinessView } from '../../../../../src/domain/report/bieu06.ts';
import type { BodyEvaluation, DossierIndicators, OfficerEvaluation } from '../../../../../src/domain/report/evaluation.ts';
import type { compute766 } from '../../../../../src/domain/report/index766.ts';

export type { Bieu06Column, TimelinessView };
/** Data cut-off (DOMAIN.md 9.3): undefined = the ward's setting `report.cutoff`. */
export type Cutoff = 'calendar' | 'day15' | undefined;
type Counts = Record<Bieu06Column, number>;
interface PeriodInfo {
  key: string;
  label: string;
  firstDay: string;
  lastDay: string;
}

/** GET /api/reports/bieu-06 (reports.routes.ts): both timeliness views, counts per row. */
export interface Bieu06Answer {
  form: string;
  period: PeriodInfo & { cutoff: string; start: string; end: string };
  asOf: string;
  columns: Bieu06Column[];
  views: Record<TimelinessView, { total: Counts; rows: { no: string; kind: 'field' | 'procedure'; label: string; field: string; procedureCode: string | null; counts: Counts }[] }>;
}

export interface Bieu06Cell {
  column: Bieu06Column;
  view: TimelinessView;
  field?: string | undefined;
  procedure?: string | undefined;
  label: string;
}

export interface Bieu06Dossiers {
  period: string;
  view: TimelinessView;
  column: Bieu06Column;
  /** The whole cell; `dossiers` is one page of it (at most `limit`, from `offset`). */
  count: number;
  limit: number;
  offset: number;
  dossiers: {
    code: string;
    procedureCode: string;
    procedureName: string;
    field: string;
    channel: string;
    status: string;
    receivedAt: string;
    finishedAt: string | null;
    dueChanges: DueChange[];
  }[];
}

export function bieu06Url(period: string, params: Record<string, string | undefined> = {}): string {
  return `/api/reports/bieu-06${query({ period, ...params })}`;
}

export function useBieu06(period: string, cutoff: Cutoff) {
  return useQuery({ queryKey: ['bieu06', period, cutoff], queryFn: () => get<Bieu06Answer>(bieu06Url(period, { cutoff })) });
}

export function useBieu06Dossiers(period: string, cutoff: Cutoff, cell: Bieu06Cell | null) {
  return useQuery({
    queryKey: ['bieu06-dossiers', period, cutoff, cell?.column, cell?.view, cell?.field, cell?.procedure],
    enabled: cell !== null,
    queryFn: () =>
      get<Bieu06Dossiers>(
        `/api/reports/bieu-06/dossiers${query({ period, cutoff, column: cell!.column, view: cell!.view, field: cell!.procedure ? undefined : cell!.field, procedure: cell!.procedure })}`,
      ),
  });
}

/** GET /api/reports/evaluation (monitoring.routes.ts): Circular 01/2018. */
export interface EvaluationAnswer {
  period: PeriodInfo;
  legalBasis: string;
  dossiers: DossierIndicators[];
  officers: (OfficerEvaluation & { fullName: string; classificationLabel: string })[];
  body: BodyEvaluation & { classificationLabel: string };
  notes: string[];
}

export function useEvaluation(period: string) {
  return useQuery({ queryKey: ['evaluation', period], queryFn: () => get<EvaluationAnswer>(`/api/reports/evaluation${query({ period })}`) });
}

/** GET /api/reports/766 (monitoring.routes.ts): Decision 766 self-assessment. */
export type Index766Answer = ReturnType<typeof compute766> & { period: PeriodInfo; legalBasis: string; statement: string };

export function use766(period: string) {
  return useQuery({ queryKey: ['766', period], queryFn: () => get<Index766Answer>(`/api/reports/766${query({ period })}`) });
}
