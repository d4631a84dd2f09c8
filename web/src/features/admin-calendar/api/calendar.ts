import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../../lib/http.ts';
import type { CalendarYear } from '../../../lib/types.ts';

export function useCalendarYear(year: number) {
  return useQuery({ queryKey: ['calendar', year], queryFn: () => get<CalendarYear>(`/api/calendar/years/${year}`) });
}

export function useSetDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ date, body }: { date: string; body: { kind: 'off' | 'work'; reason: string; source: string } }) => api('PUT', `/api/calendar/days/${date}`, body),
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'calendar' || q.queryKey[0] === 'due-date' }),
  });
}

export function useDeleteDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api('DELETE', `/api/calendar/days/${date}`),
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'calendar' || q.queryKey[0] === 'due-date' }),
  });
}
