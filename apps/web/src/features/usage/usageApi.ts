import { useQuery } from '@tanstack/react-query';
import type { UsageResponse } from '@jimmy/contracts';
import { api } from '../../lib/api.js';

export const usageKey = ['usage'] as const;

export function useUsage() {
  return useQuery({
    queryKey: usageKey,
    queryFn: ({ signal }) => api<UsageResponse>('/api/usage', { signal }),
  });
}
