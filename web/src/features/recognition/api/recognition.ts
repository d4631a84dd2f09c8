import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../../lib/http.ts';
import type { RECOGNITION_WEIGHTS, StaffScore } from '../../../../../src/domain/report/recognition.ts';

/** GET /api/reports/leaderboard (recognition.routes.ts). */
export interface Leaderboard {
  period: { key: string; label: string };
  formula: { weights: typeof RECOGNITION_WEIGHTS; minSteps: number; ratings: 'computed' | 'pending_data' };
  items: (StaffScore & { fullName: string; title: string })[];
}

export const useLeaderboard = (period: string) =>
  useQuery({ queryKey: ['leaderboard', period], queryFn: () => get<Leaderboard>(`/api/reports/leaderboard${query({ period })}`) });

export const reviewDocxUrl = (period: string, compareTo?: string) => `/api/reports/review.docx${query({ period, compareTo })}`;
