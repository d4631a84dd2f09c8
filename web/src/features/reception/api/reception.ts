import { useMutation, useQuery } from '@tanstack/react-query';
import { api, get, query } from '../../../lib/http.ts';
import type { DossierDetail, DueDateAnswer, Procedure, ProcedureSummary } from '../../../lib/types.ts';

/** Catalog search: the server ignores case and diacritics ("khai sinh" finds "Khai sinh"). */
export function useProcedureSearch(q: string) {
  return useQuery({
    queryKey: ['procedures', q],
    queryFn: () => get<{ items: ProcedureSummary[] }>(`/api/procedures${query({ q, limit: 30 })}`),
    select: (d) => d.items,
    staleTime: 60_000,
  });
}

export function useProcedure(code: string | undefined) {
  return useQuery({ queryKey: ['procedure', code], queryFn: () => get<Procedure>(`/api/procedures/${code}`), enabled: !!code });
}

/** The appointment if received now, with the ward's calendar; refreshed every half minute and on focus. */
export function useLiveDueDate(code: string | undefined) {
  return useQuery({
    queryKey: ['due-date', code],
    queryFn: () => get<DueDateAnswer>(`/api/public/due-date${query({ procedure: code })}`),
    enabled: !!code,
    refetchInterval: 30_000,
    refetchOnWindowFocus: 'always',
    staleTime: 0,
  });
}

export interface ReceiveBody {
  procedureCode: string;
  channel: 'direct';
  applicant: { fullName: string; idNumber: string; phone: string; email: string | null; address: string };
  submittedComponents: number[];
}

export function useReceiveDossier() {
  return useMutation({
    mutationFn: ({ body, key }: { body: ReceiveBody; key: string }) => api<DossierDetail>('POST', '/api/dossiers', body, { 'idempotency-key': key }),
  });
}

export function useReceipt(code: string) {
  return useQuery({ queryKey: ['dossier', code], queryFn: () => get<DossierDetail>(`/api/dossiers/${encodeURIComponent(code)}`) });
}
