import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../../lib/http.ts';
import type { Role, StaffUser } from '../../../lib/types.ts';

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => get<{ items: StaffUser[] }>('/api/users'), select: (d) => d.items });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; fullName: string; title?: string; role: Role; divisionCode?: string | null; password: string }) =>
      api<{ id: number }>('POST', '/api/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Partial<{ fullName: string; title: string; role: Role; divisionCode: string | null; isActive: boolean }> }) =>
      api<StaffUser>('PATCH', `/api/users/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}
