import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../../lib/http.ts';
import type { DossierDetail, DossierSummary, Status, StaffUser } from '../../../lib/types.ts';

export interface QueueFilter {
  status?: readonly Status[];
  division?: string;
  mine?: boolean;
  q?: string;
  limit?: number;
  offset?: number;
}

export function useDossiers(filter: QueueFilter) {
  return useQuery({
    queryKey: ['dossiers', filter],
    queryFn: () => get<{ total: number; items: DossierSummary[] }>(`/api/dossiers${query({ ...filter, limit: filter.limit ?? 100 })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useDossier(code: string) {
  return useQuery({ queryKey: ['dossier', code], queryFn: () => get<DossierDetail>(`/api/dossiers/${encodeURIComponent(code)}`) });
}

export interface ActionInput {
  reason?: string;
  handlerId?: number;
  newDueAt?: string;
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
