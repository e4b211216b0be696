// TanStack Query: server state. Failed loads and saves show their message once, in the UI language.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors';
import { showError } from './feedback';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { quiet?: boolean };
    mutationMeta: { quiet?: boolean };
  }
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (e, query) => { if (!query.meta?.quiet) showError(e); } }),
    mutationCache: new MutationCache({ onError: (e, _v, _r, mutation) => { if (!mutation.meta?.quiet) showError(e); } }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 2,
      },
    },
  });
}
