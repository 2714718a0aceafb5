import { Alert, Loader, Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Ticket, TicketEvent } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.js';
import { ticketKeys } from '../../lib/queryKeys.js';
import { useQueues } from '../connections/index.js';
import { useAgents } from './ticketsApi.js';
import { useCurrentUser } from '../auth/index.js';
import { timelinePtBR } from './timelineI18n.js';

const numberOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** What happened to this ticket (routing, assignment, transfers, callbacks, survey), oldest first. */
export function TicketTimeline({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const queues = useQueues();
  const agents = useAgents(me.role !== 'agent');
  const events = useQuery({
    queryKey: ticketKeys.events(ticket.id, ticket.updatedAt),
    queryFn: ({ signal }) => api<{ items: TicketEvent[] }>(`/api/tickets/${ticket.id}/events`, { signal }).then((r) => r.items),
    placeholderData: (previous) => previous,
  });
  if (events.isPending) return <Loader size="xs" />;
  if (events.isError)
    return (
      <Alert color="red" variant="light">
        {t('timeline.loadFailed')}
      </Alert>
    );
  if (events.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('timeline.empty')}
      </Text>
    );

  const queueName = (id: number | null) => queues.data?.find((queue) => queue.id === id)?.name ?? '—';
  const userName = (id: number | null) => agents.data?.find((user) => user.id === id)?.name ?? t('timeline.someone');
  const describe = (event: TicketEvent) => {
    // An event kind this build does not know yet (a newer server) shows its raw name.
    if (!(event.kind in timelinePtBR.kinds)) return event.kind;
    return t(`timeline.kinds.${event.kind as keyof typeof timelinePtBR.kinds}`, {
      actor: event.actor?.name ?? t('timeline.someone'),
      queue: queueName(numberOf(event.data.queueId)),
      user: userName(numberOf(event.data.userId)),
      score: numberOf(event.data.score) ?? '—',
      tag: typeof event.data.tagName === 'string' ? event.data.tagName : '—',
    });
  };
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });

  return (
    <Timeline bulletSize={10} lineWidth={2} data-testid="ticket-timeline">
      {events.data.map((event) => {
        const note = typeof event.data.note === 'string' ? event.data.note : null;
        const comment = typeof event.data.comment === 'string' ? event.data.comment : null;
        return (
          <Timeline.Item key={event.id} data-kind={event.kind}>
            <Stack gap={0}>
              <Text size="xs">{describe(event)}</Text>
              {(note ?? comment) && (
                <Text size="xs" c="dimmed" fs="italic">
                  “{note ?? comment}”
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {when(event.createdAt)}
              </Text>
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
