import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { User } from '@jimmy/contracts';
import { api } from '../../../lib/api.js';
import { userKeys } from '../../../lib/queryKeys.js';
import { useConnections, useQueues } from '../../connections/index.js';
import { useTags } from '../../tags/index.js';
import { useFlows } from '../flowsApi.js';
import type { FormContextValue } from './SchemaFields.js';

/** The company's queues, agents, tags, connections and other flows, for the id fields of the forms. */
export function useFormChoices(flowId: number): FormContextValue['choices'] {
  const queues = useQueues();
  const connections = useConnections();
  const tags = useTags();
  const flows = useFlows();
  // The same cache as the users page, so both always agree.
  const users = useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/users', { signal }).then((r) => r.items),
  });
  return useMemo(
    () => ({
      queueId: (queues.data ?? []).map((q) => ({ value: String(q.id), label: q.name })),
      agentId: (users.data ?? []).filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name })),
      connectionIds: (connections.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
      // Going to another flow runs its published version, so only published flows are offered.
      flowId: (flows.data ?? [])
        .filter((f) => f.id !== flowId && f.publishedVersion !== null)
        .map((f) => ({ value: String(f.id), label: f.name })),
      tag: (tags.data ?? []).map((tag) => tag.name),
    }),
    [queues.data, users.data, connections.data, flows.data, tags.data, flowId],
  );
}
