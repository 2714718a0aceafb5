import { useQuery } from '@tanstack/react-query';
import type { FlowDetail, FlowRun, Ticket, TicketEvent, User } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { flowKeys, ticketKeys, userKeys } from '../../lib/queryKeys.js';
import { nodeTypesOf } from './stepDisplay.js';

/** Fetched when the drawer opens: steps can be many, and most tickets are never looked at this way. */
export function useFlowRuns(ticketId: number, version: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ticketKeys.all, 'flow-runs', ticketId, version] as const,
    enabled,
    queryFn: ({ signal }) => api<{ items: FlowRun[] }>(`/api/tickets/${ticketId}/flow-runs`, { signal }).then((r) => r.items),
  });
}

/**
 * Whether the ticket ever started a flow, from its timeline (same key and shape as the timeline's
 * query, so the panel's timeline and this share one request).
 */
export function useHadFlow(ticket: Ticket, enabled: boolean): boolean {
  const events = useQuery({
    queryKey: ticketKeys.events(ticket.id, ticket.updatedAt),
    enabled,
    queryFn: ({ signal }) => api<{ items: TicketEvent[] }>(`/api/tickets/${ticket.id}/events`, { signal }).then((r) => r.items),
    placeholderData: (previous) => previous,
  });
  return events.data?.some((event) => event.kind === 'bot-started') ?? false;
}

/** Same key and shape as the tickets feature's agent list: names for a transfer's agent. */
export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: userKeys.list(),
    enabled,
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/users', { signal }).then((r) => r.items),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

type Labels = Record<string, { 'pt-BR': string; en: string }>;

/**
 * Each block's name ("Menu", "Transferir") by node id, from the flow's current draft (the ids a
 * published version used stay in the draft unless the block was deleted; those show their id).
 * The engine's registry is imported on demand so the console's first load does not carry it.
 */
export function useNodeLabels(flowId: number, enabled: boolean, language: string): (nodeId: string) => string | null {
  const types = useQuery({
    queryKey: [...flowKeys.all, 'node-types', flowId] as const,
    enabled,
    retry: false,
    staleTime: 60_000,
    queryFn: ({ signal }) => api<FlowDetail>(`/api/flows/${flowId}`, { signal }).then((flow) => nodeTypesOf(flow.draft)),
  });
  const labels = useQuery({
    queryKey: ['flow-engine', 'node-labels'] as const,
    enabled,
    staleTime: Infinity,
    queryFn: async (): Promise<Labels> => {
      const { NODES } = await import('@jimmy/flow-engine');
      return Object.fromEntries(Object.entries(NODES).map(([type, node]) => [type, node.editor.label]));
    },
  });
  return (nodeId) => {
    const type = types.data?.get(nodeId);
    const label = type ? labels.data?.[type] : undefined;
    return label ? (language.startsWith('pt') ? label['pt-BR'] : label.en) : null;
  };
}
