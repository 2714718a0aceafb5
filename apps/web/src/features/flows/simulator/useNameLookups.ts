import { useQuery } from '@tanstack/react-query';
import type { FlowSummary, User } from '@jimmy/contracts';
import { api } from '../../../lib/api.js';
import { userKeys } from '../../../lib/queryKeys.js';
import { useQueueList } from '../../queues/index.js';
import { useTags } from '../../tags/index.js';

/** Id → name, so an event reads "Transferido para Suporte" rather than "para 7". */
export interface NameLookups {
  queues?: Record<string, string>;
  users?: Record<string, string>;
  flows?: Record<string, string>;
}

export interface Names extends Required<NameLookups> {
  /** The company's tag names (tag nodes store names), offered when editing the simulated contact. */
  tags: string[];
}

const byId = (items: ReadonlyArray<{ id: number; name: string }> | undefined): Record<string, string> =>
  Object.fromEntries((items ?? []).map((item) => [String(item.id), item.name]));

/**
 * Names the builder passed, else the console's lists (queues, users and tags share the cache of
 * their own pages). A list the role may not read just leaves the ids shown.
 */
export function useNameLookups(given: NameLookups = {}): Names {
  const queues = useQueueList();
  const tags = useTags();
  const users = useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/users', { signal }).then((r) => r.items),
    enabled: given.users === undefined,
    retry: false,
    staleTime: 60_000,
  });
  // Its own key: the builder's flow list may cache another shape under the flows keys.
  const flows = useQuery({
    queryKey: ['flowSimulator', 'flowNames'],
    queryFn: ({ signal }) => api<{ items: FlowSummary[] }>('/api/flows', { signal }).then((r) => r.items),
    enabled: given.flows === undefined,
    retry: false,
    staleTime: 60_000,
  });
  return {
    queues: given.queues ?? byId(queues.data),
    users: given.users ?? byId(users.data),
    flows: given.flows ?? byId(flows.data),
    tags: (tags.data ?? []).map((tag) => tag.name),
  };
}
