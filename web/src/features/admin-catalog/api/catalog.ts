import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../../lib/http.ts';
import type { Procedure, ProcedureEdit, ProcedureSummary } from '../../../lib/types.ts';

export function useCatalog(q: string) {
  return useQuery({ queryKey: ['procedures', 'admin', q], queryFn: () => get<{ items: ProcedureSummary[] }>(`/api/procedures${query({ q, limit: 200 })}`), select: (d) => d.items });
}

export function useProcedureForEdit(code: string | undefined) {
  return useQuery({ queryKey: ['procedure', code], queryFn: () => get<Procedure>(`/api/procedures/${code}`), enabled: !!code });
}

export function useSaveProcedure(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProcedureEdit) => api<Procedure>('PUT', `/api/admin/procedures/${code}`, body),
    onSuccess: (p) => {
      qc.setQueryData(['procedure', code], p);
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'procedures' || q.queryKey[0] === 'due-date' });
    },
  });
}
