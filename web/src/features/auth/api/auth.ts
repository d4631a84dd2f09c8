import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, clearSessionNotice, get, setCsrfToken } from '../../../lib/http.ts';
import type { Me } from '../../../lib/types.ts';

/** What /api/auth/login, /me and /totp/enable answer (auth.routes.ts SessionInfo). */
export interface SessionInfo {
  user: Me;
  csrfToken: string;
  mfa: { enrolled: boolean; required: boolean; enrollmentRequired: boolean };
}

export interface LoginBody {
  username: string;
  password: string;
  totp?: string;
}

/** The signed-in session, or null. A leader or admin without a factor has `mfa.enrollmentRequired`. */
export function useSession() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<SessionInfo | null> => {
      try {
        const s = await get<SessionInfo>('/api/auth/me');
        setCsrfToken(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

function useSessionStart() {
  const qc = useQueryClient();
  return (data: SessionInfo) => {
    setCsrfToken(data.csrfToken);
    clearSessionNotice();
    // Another person's data must not survive a change of user; the 'me' query keeps its observers.
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    qc.setQueryData(['me'], data);
  };
}

export function useLogin() {
  const start = useSessionStart();
  return useMutation({
    mutationFn: (body: LoginBody) => api<SessionInfo>('POST', '/api/auth/login', body),
    onSuccess: start,
  });
}

/** Starts enrolment of a second factor: a fresh secret and its otpauth:// URI. */
export function useTotpSetup() {
  return useMutation({
    mutationFn: () => api<{ secret: string; otpauthUri: string }>('POST', '/api/auth/totp/setup'),
  });
}

/** Confirms the first code: the server turns the factor on and replaces the session by a full one. */
export function useTotpEnable() {
  const start = useSessionStart();
  return useMutation({
    mutationFn: (code: string) => api<SessionInfo>('POST', '/api/auth/totp/enable', { code }),
    onSuccess: start,
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(['me'], null);
    },
  });
}
