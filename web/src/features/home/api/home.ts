import { useQuery } from '@tanstack/react-query';
import { get, query } from '../../../lib/http.ts';
import type { DossierSummary, Role, Status } from '../../../lib/types.ts';

/** What waits for each role's action (the workflow table: who acts in which status). */
export const WAITING_FOR: Partial<Record<Role, { status: Status[]; mine?: boolean; label: string }>> = {
  reception: { status: ['submitted', 'received', 'supplement_requested', 'approved', 'result_ready', 'awaiting_payment'], label: 'Chờ tiếp nhận, chuyển, trả kết quả' },
  specialist: { status: ['assigned', 'processing', 'consulting', 'awaiting_payment'], label: 'Chờ tôi xử lý' },
  division_head: { status: ['assigned', 'processing', 'awaiting_approval'], label: 'Chờ phân công, xử lý, duyệt trong phòng' },
  leader: { status: ['awaiting_approval'], label: 'Chờ ký duyệt' },
};
const OPEN: Status[] = ['received', 'assigned', 'processing', 'consulting', 'awaiting_payment', 'awaiting_approval', 'approved', 'result_ready'];

export function useToday(role: Role) {
  const waiting = WAITING_FOR[role];
  const mine = useQuery({
    queryKey: ['dossiers', 'today', role],
    queryFn: () => get<{ total: number; items: DossierSummary[] }>(`/api/dossiers${query({ status: waiting?.status ?? OPEN, limit: 200 })}`),
    refetchInterval: 60_000,
  });
  const open = useQuery({
    queryKey: ['dossiers', 'open'],
    queryFn: () => get<{ total: number; items: DossierSummary[] }>(`/api/dossiers${query({ status: OPEN, limit: 200 })}`),
    refetchInterval: 60_000,
  });
  return { waiting, mine, open };
}
