import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompanySettingsResponse, UpdateCompanySettingsRequest } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { settingsKeys } from '../../lib/queryKeys.js';

const settingsKey = settingsKeys.all;

export function useCompanySettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api<CompanySettingsResponse>('/api/settings', { signal }),
  });
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCompanySettingsRequest) => api<CompanySettingsResponse>('/api/settings', { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}
