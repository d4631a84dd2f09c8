import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../../lib/http.ts';
import type { presentComplaint } from '../../../../../src/server/modules/complaint/complaint.presenter.ts';
import type { ComplaintAction, ComplaintCategory, ComplaintStatus } from '../../../../../src/domain/complaint/complaint.ts';

export type { ComplaintAction, ComplaintCategory, ComplaintStatus };
export type Complaint = ReturnType<typeof presentComplaint>;
export interface ComplaintList {
  period: string | null;
  timeLimit: { workingDays: number; source: string };
  total: number;
  overdue: number;
  items: Complaint[];
}
export type ComplaintDetail = Complaint & { history: { at: string; action: string; actor: string | null | undefined; role: string | null; details: Record<string, unknown> }[] };

/** The complaints list, optionally of one report period (received in it: 2026-11, 2026-Q4, 2026-H2, 2026). */
export function useComplaints(status: ComplaintStatus | undefined, period: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: ['complaints', status, period], enabled, queryFn: () => get<ComplaintList>(`/api/complaints${query({ status, period })}`) });
}

export function useComplaint(code: string | null) {
  return useQuery({ queryKey: ['complaint', code], enabled: code !== null, queryFn: () => get<ComplaintDetail>(`/api/complaints/${encodeURIComponent(code!)}`) });
}

export interface ReceiveComplaintBody {
  category: ComplaintCategory;
  content: string;
  submitterName: string;
  phone?: string | null;
  email?: string | null;
  dossierCode?: string | null;
  staffUsername?: string | null;
}

export function useReceiveComplaint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReceiveComplaintBody) => api<Complaint>('POST', '/api/complaints', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['complaints'] }),
  });
}

export function useComplaintAction(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: ComplaintAction; body: { assigneeUsername?: string; answer?: string; substantiated?: boolean; note?: string } }) =>
      api<Complaint>('POST', `/api/complaints/${encodeURIComponent(code)}/actions/${action}`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['complaints'] });
      void qc.invalidateQueries({ queryKey: ['complaint', code] });
    },
  });
}
