// The signed-in area: without a full session, go to the sign-in page (which also runs the later stages).
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { wasSignedOutOnPurpose, useSession } from './auth';
import { PageLoading } from '../components/PageLoading';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: session, isPending, isError } = useSession();
  const loc = useLocation();
  if (isPending && !isError) return <PageLoading full />;
  if (!session || session.stage !== 'full') {
    const fresh = wasSignedOutOnPurpose() || loc.pathname === '/';
    const next = fresh ? '' : `?next=${encodeURIComponent(loc.pathname + loc.search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  return <>{children}</>;
}
