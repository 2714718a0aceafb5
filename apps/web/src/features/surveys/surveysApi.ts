import { useQuery } from '@tanstack/react-query';
import type { CompanySettings, CompanySettingsResponse } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { settingsKeys } from '../../lib/queryKeys.js';

export type SurveySettings = CompanySettings['survey'];

/** The company's survey setting: what the close dialog offers. Shares the settings page's cache entry, so a save shows at once. */
export function useSurveySettings(enabled = true) {
  return useQuery({
    queryKey: settingsKeys.all,
    enabled,
    queryFn: ({ signal }) => api<CompanySettingsResponse>('/api/settings', { signal }),
    select: (settings) => settings.survey,
    staleTime: 60_000,
  });
}
