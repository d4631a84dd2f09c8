import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../../lib/http.ts';

export interface TodayItem {
  code: string;
  procedureName: string;
  status: string;
  dueAt: string;
  risk: string | null;
  riskLabel: string;
  forecastLate: boolean;
  apologyStatus: string | null;
  breach: boolean;
}
export interface Today {
  at: string;
  counts: { overdue: number; dueToday: number; dueSoon: number; forecastLate: number; breaches: number; apologiesToSign: number; openCorrectiveActions: number };
  items: TodayItem[];
  apologiesToSign: { code: string; number: string; newDueAt: string; draftedAt: string; isLateDraft: boolean }[];
}

export function useThreeKhongToday() {
  return useQuery({ queryKey: ['three-khong', 'today'], queryFn: () => get<Today>('/api/three-khong/today'), refetchInterval: 60_000 });
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  dossierCode: string | null;
  createdAt: string;
  readAt: string | null;
}

export function useNotifications() {
  return useQuery({ queryKey: ['notifications'], queryFn: () => get<{ unread: number; items: Notification[] }>('/api/notifications?limit=30'), refetchInterval: 60_000 });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') => api('POST', id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${id}/read`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export interface CorrectiveAction {
  id: number;
  dossierCode: string;
  responsibleDivision: string;
  rootCause: string;
  rootCauseNote: string;
  correctiveAction: string;
  owner: string;
  dueDate: string;
  isOverdue: boolean;
  status: string;
  closedAt: string | null;
  verificationNote: string | null;
}

export function useAccountability(status: 'open' | 'closed' | 'all', enabled: boolean) {
  return useQuery({ queryKey: ['accountability', status], queryFn: () => get<{ total: number; items: CorrectiveAction[] }>(`/api/accountability${query({ status })}`), enabled });
}

export function useCloseAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verificationNote }: { id: number; verificationNote: string }) => api('POST', `/api/accountability/${id}/close`, { verificationNote }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['accountability'] }),
  });
}

export interface Override {
  id: number;
  dossierCode: string;
  kind: string;
  reason: string;
  by: string;
  at: string;
}

export function useOverrides(enabled: boolean) {
  return useQuery({ queryKey: ['overrides'], queryFn: () => get<{ total: number; byKind: Record<string, number>; items: Override[] }>('/api/three-khong/overrides'), enabled });
}

export interface Rules {
  deadline: { dueSoonWorkingDays: number; escalateAfterWorkingHours: number; digestAt: string };
  supplement: { clockRule: 'restart' | 'pause' };
  apology: { cap: { mode: 'legal_limit' } | { mode: 'working_days'; workingDays: number }; draftWorkingDaysBefore: number };
}

export function useRules() {
  return useQuery({ queryKey: ['rules'], queryFn: () => get<Rules>('/api/settings/three-khong') });
}

export function useSaveRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: Rules) => api<Rules>('PUT', '/api/settings/three-khong', r),
    onSuccess: (data) => qc.setQueryData(['rules'], data),
  });
}

export interface Agency {
  id: number;
  code: string;
  name: string;
  kind: string;
  address: string;
  phone: string;
  onlineUrl: string | null;
  matters: string;
}

export function useAgencies(q: string) {
  return useQuery({ queryKey: ['agencies', q], queryFn: () => get<{ total: number; items: Agency[] }>(`/api/agencies${query({ q })}`) });
}

export interface RedirectInput {
  agencyCode: string;
  applicantName: string;
  applicantPhone?: string;
  matter: string;
  note?: string;
}

export function useIssueRedirect() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: RedirectInput) => api<{ id: number; number: string; agency: string; slip: { pdf: string; docx: string } }>('POST', '/api/redirects', r),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['redirects'] }),
  });
}

export function useRedirects(from: string, to: string) {
  return useQuery({
    queryKey: ['redirects', from, to],
    queryFn: () => get<{ total: number; items: { id: number; number: string; applicantName: string; matter: string; agency: string; issuedAt: string }[] }>(`/api/redirects${query({ from, to })}`),
  });
}
