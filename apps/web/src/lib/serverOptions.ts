import { useQuery } from '@tanstack/react-query';
import type { ServerOptions } from '@jimmy/contracts';
import { api } from './api.js';

/**
 * How this installation runs (SAAS on or off). Until the answer arrives the console assumes a
 * self-hosted install, so nothing of the SaaS flashes in and out.
 */
export function useServerOptions(): ServerOptions {
  const query = useQuery({
    queryKey: ['server-options'],
    queryFn: () => api<ServerOptions>('/api/public/options'),
    staleTime: Infinity,
  });
  return query.data ?? { saas: false };
}
