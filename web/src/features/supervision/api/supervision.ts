/**
 * The Front committee's supervision portal (GET /api/supervision/…, supervision.routes.ts): masked, read-only
 * views, and the recommendations (kiến nghị) it files and the ward answers. Shapes follow the route code.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../../lib/http.ts';
import type { presentComplaint } from '../../../../../src/server/modules/complaint/complaint.presenter.ts';
import type { RecommendationStatus } from '../../../../../src/domain/complaint/complaint.ts';

export interface LateDossiers {
  period: { key: string; label: string; firstDay: string; lastDay: string };
  asOf: string;
  basis: string;
  count: number;
  /** Late dossiers with a signed form 04. */
  withApology: number;
  /** Late dossiers without a signed form 04 (breach, three-khong/breach.ts). */
  breaches: number;
  items: {
    code: string;
    procedureName: string;
    field: string;
    division: string | null;
    status: string;
    statusLabel: string;
    state: 'finished_late' | 'open_overdue';
    receivedAt: string;
    originalDueAt: string | null;
    extendedDueAt: string | null;
    finishedAt: string | null;
    breach: boolean;
    apologies: {
      number: string;
      status: 'signed' | 'drafted';
      draftedAt: string;
      signedAt: string | null;
      signerTitle: string | null;
      previousDueAt: string;
      newDueAt: string;
      reason: string | null;
    }[];
  }[];
}
export interface SupervisedComplaints {
  period: { key: string; label: string };
  total: number;
  answered: number;
  overdue: number;
  items: ReturnType<typeof presentComplaint>[];
}
export type Ratings =
  | { period: string; status: 'pending_data'; message: string }
  | { period: string; status: 'computed'; count: number; satisfied: number; neutral: number; dissatisfied: number };
export interface Timeline {
  code: string;
  procedureName: string;
  applicantName: string;
  status: string;
  statusLabel: string;
  receivedAt: string | null;
  originalDueAt: string | null;
  extendedDueAt: string | null;
  resultReadyAt: string | null;
  closedAt: string | null;
  timeline: {
    seq: number;
    action: string;
    label: string;
    fromStatus: string | null;
    toStatus: string | null;
    actor: { role: string | null; name: string };
    at: string;
    reason: string | null;
    details: Record<string, unknown>;
  }[];
}
export interface Recommendation {
  code: string;
  title: string;
  content: string;
  dossierCode: string | null;
  status: RecommendationStatus;
  statusLabel: string;
  filedAt: string;
  filedBy: string | null;
  dueAt: string;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  answeredOnTime: boolean | null;
  closedAt: string | null;
  closingNote: string | null;
}
export interface RecommendationList {
  answerDays: number;
  source: string;
  total: number;
  open: number;
  overdue: number;
  items: Recommendation[];
}
export type RecommendationDetail = Recommendation & {
  dueExplanation: { text?: string } | null;
  history: { at: string; action: string; role: string | null; actor: string | null | undefined }[];
};

export const useLateDossiers = (period: string) =>
  useQuery({ queryKey: ['supervision', 'late', period], queryFn: () => get<LateDossiers>(`/api/supervision/late-dossiers${query({ period })}`) });
export const useSupervisedComplaints = (period: string) =>
  useQuery({ queryKey: ['supervision', 'complaints', period], queryFn: () => get<SupervisedComplaints>(`/api/supervision/complaints${query({ period })}`) });
export const useRatings = (period: string) =>
  useQuery({ queryKey: ['supervision', 'ratings', period], queryFn: () => get<Ratings>(`/api/supervision/ratings${query({ period })}`) });
export const useTimeline = (code: string) =>
  useQuery({ queryKey: ['supervision', 'timeline', code], queryFn: () => get<Timeline>(`/api/supervision/dossiers/${encodeURIComponent(code)}/timeline`) });
export const useRecommendations = (status?: RecommendationStatus) =>
  useQuery({ queryKey: ['recommendations', status], queryFn: () => get<RecommendationList>(`/api/supervision/recommendations${query({ status })}`) });
export const useRecommendation = (code: string | null) =>
  useQuery({
    queryKey: ['recommendation', code],
    enabled: code !== null,
    queryFn: () => get<RecommendationDetail>(`/api/supervision/recommendations/${encodeURIComponent(code!)}`),
  });

function useRecommendationMutation<B>(url: (b: B) => string, body: (b: B) => unknown) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: B) => api<Recommendation>('POST', url(b), body(b)),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['recommendations'] });
      void qc.invalidateQueries({ queryKey: ['recommendation', r.code] });
    },
  });
}
export const useFileRecommendation = () =>
  useRecommendationMutation<{ title: string; content: string; dossierCode?: string | null }>(
    () => '/api/supervision/recommendations',
    (b) => b,
  );
export const useAnswerRecommendation = () =>
  useRecommendationMutation<{ code: string; answer: string }>(
    (b) => `/api/supervision/recommendations/${encodeURIComponent(b.code)}/answer`,
    (b) => ({ answer: b.answer }),
  );
export const useCloseRecommendation = () =>
  useRecommendationMutation<{ code: string; note?: string }>(
    (b) => `/api/supervision/recommendations/${encodeURIComponent(b.code)}/close`,
    (b) => ({ note: b.note }),
  );
