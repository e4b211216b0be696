// The session: who is signed in and at which sign-in stage (full | mfa | password | enroll).
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, hasCookie, ok, setCsrfToken } from '../api/client';
import { ApiError } from '../api/errors';
import type { Me, SessionState, Stage } from '../api/types';

export const SESSION_KEY = ['session'] as const;

/** Set when the user signs out himself: the sign-in page then starts fresh (no "next" page of the last user). */
let signedOutOnPurpose = false;
export const wasSignedOutOnPurpose = (): boolean => signedOutOnPurpose;

async function fetchSession(): Promise<SessionState | null> {
  // The CSRF cookie travels with the session cookie: without it there is no session to ask about.
  if (!hasCookie('luoshi_csrf')) { setCsrfToken(null); return null; }
  const { data, error, response } = await api.GET('/api/v1/auth/me');
  if (response.status === 401) { setCsrfToken(null); return null; }
  if (!data) throw new ApiError(response.status, (error ?? null) as never, response.statusText);
  setCsrfToken(data.csrfToken);
  return data;
}

/** Signed out: the session becomes null (observers see it at once) and every other cached answer is dropped. */
export function resetToSignedOut(qc: QueryClient): void {
  setCsrfToken(null);
  qc.setQueryData(SESSION_KEY, null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false, meta: { quiet: true } });
}

/** The signed-in user (inside the signed-in area). */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe outside the signed-in area');
  return data.me;
}

export function useAuthActions() {
  const qc = useQueryClient();
  const setSession = (s: SessionState | null) => { setCsrfToken(s?.csrfToken ?? null); qc.setQueryData(SESSION_KEY, s); };
  return {
    async login(username: string, password: string) {
      const s = await ok(api.POST('/api/v1/auth/login', { body: { username, password } }));
      signedOutOnPurpose = false;
      setSession(s);
      return s;
    },
    /** After a step of signing in: the server says which stage comes next. */
    setStage(stage: Stage) {
      qc.setQueryData<SessionState | null>(SESSION_KEY, (s) => (s ? { ...s, stage } : s));
      if (stage === 'full') void qc.invalidateQueries({ queryKey: SESSION_KEY });
    },
    async logout() {
      // Reads already on their way finish first (at most 2 s): one arriving after the session has ended answers 401.
      const until = Date.now() + 2000;
      while (qc.isFetching() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      try { await ok(api.POST('/api/v1/auth/logout')); } catch { /* the session may be gone already */ }
      signedOutOnPurpose = true;
      resetToSignedOut(qc);
    },
  };
}
