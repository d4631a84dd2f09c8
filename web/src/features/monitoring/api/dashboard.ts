import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../../lib/http.ts';

/** Figures of one group (whole ward, a division, an officer); shape of GET /api/reports/dashboard (monitoring.routes.ts). */
export interface DashboardFigures {
  finished: number;
  onTime: number;
  late: number;
  open: number;
  overdue: number;
  received: number;
  supplemented: number;
  overrides: number;
  extensions: number;
  onTimeRate: number | null;
  supplementRate: number | null;
}
/** A figure the ward does not record yet: the API says so instead of inventing a zero. */
export interface PendingData {
  status: 'pending_data';
  message: string;
}
export const isPending = (x: unknown): x is PendingData => typeof x === 'object' && x !== null && (x as PendingData).status === 'pending_data';

/** Queue tickets of one group (queue-stats.ts): minutes issued → called (wait) and serving → done (service). */
export interface QueueFigures {
  key: string;
  name: string;
  served: number;
  skipped: number;
  averageWaitMinutes: number | null;
  averageServiceMinutes: number | null;
  longestWaitMinutes: number | null;
}

export interface Dashboard {
  period: { key: string; label: string; firstDay: string; lastDay: string };
  asOf: string;
  total: DashboardFigures;
  byDivision: (DashboardFigures & { divisionId: number; code?: string; name?: string })[];
  byOfficer: (DashboardFigures & { staffId: number; fullName: string })[];
  monthly: { month: string; received: number; finished: number; onTimeRate: number | null }[];
  atRiskNow: { code: string; procedureName: string; division?: string; handler: string | null; dueAt: string | null; overdue: boolean }[];
  /** Form 04 apologies of the period: signed in it, or drafted in it and awaiting signature. */
  apologies: { count: number; signed: number; awaitingSignature: number };
  /** Late dossiers (Biểu 06 columns 10, 13) without a signed form 04. */
  breaches: { count: number; codes: string[] };
  /** Late dossiers by the root cause of their accountability record ("unknown": no record yet). */
  lateByRootCause: { late: number; items: { cause: string; label: string; count: number }[] };
  ratings: PendingData | { count: number; satisfied: number; dissatisfied: number; neutral?: number };
  complaints:
    | PendingData
    | { received: number; byCategory: Record<string, number>; answered: number; onTimeOrWithinTime: number; overdue: number; substantiated: number; linkedToDossier: number };
  queueWaiting: PendingData | { issued: number; overall: QueueFigures; perCounter: QueueFigures[]; perOfficer: QueueFigures[] };
}

export function useDashboard(period: string) {
  return useQuery({ queryKey: ['dashboard', period], queryFn: () => get<Dashboard>(`/api/reports/dashboard${query({ period })}`) });
}
