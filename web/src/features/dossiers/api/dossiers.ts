import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../../lib/http.ts';
import type { DossierDetail, QueueItem, Status, StaffUser } from '../../../lib/types.ts';

export interface QueueFilter {
  status?: readonly Status[];
  division?: string;
  mine?: boolean;
  q?: string;
  /** Deadline watch level (DOMAIN.md 12): at_risk = any of the three levels. */
  risk?: string;
  limit?: number;
  offset?: number;
}

export function useDossiers(filter: QueueFilter) {
  return useQuery({
    queryKey: ['dossiers', filter],
    queryFn: () => get<{ total: number; items: QueueItem[] }>(`/api/dossiers${query({ ...filter, limit: filter.limit ?? 100 })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useDossier(code: string) {
  return useQuery({ queryKey: ['dossier', code], queryFn: () => get<DossierDetail>(`/api/dossiers/${encodeURIComponent(code)}`) });
}

/** The action body (POST /api/dossiers/{code}/actions/{action}). */
export interface ActionInput {
  reason?: string;
  handlerId?: number;
  divisionCode?: string;
  newDueAt?: string;
  /** request_supplement (form 02): catalog components missing, each with an optional note. */
  items?: { componentId: number; note?: string }[];
  /** request_supplement: documents outside the catalog (leader override only). */
  otherItems?: { name: string; note?: string }[];
  /** A leader's reason to override the once-only rule or the catalog (DOMAIN.md 17.4). */
  overrideReason?: string;
  /** refuse (form 03): the specific reasons. */
  reasons?: string[];
}

export interface Division {
  code: string;
  name: string;
  kind: string;
}

export function useDivisions(enabled: boolean) {
  return useQuery({ queryKey: ['divisions'], queryFn: () => get<{ items: Division[] }>('/api/divisions'), enabled, staleTime: 600_000 });
}

export interface AccountabilityInput {
  responsibleDivision: string;
  responsibleUserId?: number;
  rootCause: string;
  rootCauseNote: string;
  correctiveAction: string;
  actionOwnerId: number;
  actionDueDate: string;
}

export function useRecordAccountability(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AccountabilityInput) => api<{ id: number }>('POST', `/api/dossiers/${encodeURIComponent(code)}/accountability`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['accountability'] }),
  });
}

export function useAllStaff(enabled: boolean) {
  return useQuery({ queryKey: ['users'], queryFn: () => get<{ items: StaffUser[] }>('/api/users'), enabled, select: (d) => d.items.filter((u) => u.isActive) });
}

export function useDossierAction(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, input }: { action: string; input: ActionInput }) =>
      api<DossierDetail>('POST', `/api/dossiers/${encodeURIComponent(code)}/actions/${action}`, input, {
        'idempotency-key': crypto.randomUUID(),
      }),
    onSuccess: (data) => {
      qc.setQueryData(['dossier', code], data);
      void qc.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
}

/** Staff of a division, to pick a handler (division heads and leaders may list users). */
export function useDivisionStaff(divisionCode: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => get<{ items: StaffUser[] }>('/api/users'),
    enabled,
    select: (d) => d.items.filter((u) => u.isActive && u.divisionCode === divisionCode && (u.role === 'specialist' || u.role === 'division_head')),
  });
}
