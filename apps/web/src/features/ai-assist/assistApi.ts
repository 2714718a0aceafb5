import { useQuery } from '@tanstack/react-query';
import type { AiSuggestion, ConsoleIntegrations, Message } from '@jimmy/contracts';
import { api } from '../../lib/api.js';

const consoleKey = ['integrations', 'console'] as const;

/** Which integration actions the console offers; refreshed now and then, since an admin may switch them. */
export function useConsoleIntegrations() {
  return useQuery({
    queryKey: consoleKey,
    queryFn: ({ signal }) => api<ConsoleIntegrations>('/api/integrations/console', { signal }),
    staleTime: 60_000,
  });
}

export const suggestReply = (ticketId: number) => api<AiSuggestion>(`/api/tickets/${ticketId}/ai/suggest-reply`, { method: 'POST' });

export const summarizeConversation = (ticketId: number) => api<Message>(`/api/tickets/${ticketId}/ai/summary`, { method: 'POST' });
