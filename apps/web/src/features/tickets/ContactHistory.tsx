import { useMemo, useState } from 'react';
import { Accordion, Alert, Badge, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useContactHistory } from '../contacts/index.js';
import { SurveyRating } from '../surveys/index.js';
import { useMessages } from './ticketsApi.js';
import { chronological } from './MessageList.js';
import { MessageItem } from './MessageItem.js';

/** An earlier conversation read in place: latest 50 first, older ones on request. */
function HistoryMessages({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const messages = useMessages(ticketId);
  const items = useMemo(() => chronological(messages.data), [messages.data]);
  if (messages.isPending) {
    return (
      <Center p="sm">
        <Loader size="xs" />
      </Center>
    );
  }
  if (messages.isError) {
    return (
      <Alert color="red" variant="light" p="xs">
        {errorMessage(messages.error, t)}
      </Alert>
    );
  }
  return (
    <Stack gap={0} data-testid={`history-messages-${ticketId}`} mx={-12}>
      {messages.hasNextPage && (
        <Center>
          <Button size="compact-xs" variant="subtle" loading={messages.isFetchingNextPage} onClick={() => void messages.fetchNextPage()}>
            {t('tickets.history.loadMore')}
          </Button>
        </Center>
      )}
      {items.length === 0 && (
        <Text size="xs" c="dimmed" ta="center">
          {t('tickets.history.noMessages')}
        </Text>
      )}
      {items.map((m, i) => (
        <MessageItem
          key={m.id}
          message={m}
          previous={items[i - 1]}
          ticket={null}
          onReply={null}
          onJumpTo={() => undefined}
          highlighted={false}
        />
      ))}
    </Stack>
  );
}

export function ContactHistory({ contactId, currentTicketId }: { contactId: number; currentTicketId: number }) {
  const { t, i18n } = useTranslation();
  const history = useContactHistory(contactId);
  const [open, setOpen] = useState<string | null>(null);
  if (history.isPending) {
    return (
      <Center p="sm">
        <Loader size="xs" />
      </Center>
    );
  }
  if (history.isError) {
    return (
      <Alert color="red" variant="light" p="xs">
        {errorMessage(history.error, t)}
      </Alert>
    );
  }
  const earlier = history.data.filter((ticket) => ticket.id !== currentTicketId);
  if (earlier.length === 0) {
    return (
      <Text size="xs" c="dimmed" data-testid="history-empty">
        {t('tickets.history.empty')}
      </Text>
    );
  }
  return (
    <Accordion value={open} onChange={setOpen} variant="separated" radius="md" chevronPosition="right">
      {earlier.map((ticket) => (
        <Accordion.Item key={ticket.id} value={String(ticket.id)} data-testid={`history-item-${ticket.id}`}>
          <Accordion.Control>
            <Group gap={6} wrap="nowrap">
              <Text size="xs" fw={600}>
                #{ticket.id}
              </Text>
              <Badge size="xs" variant="light" color={ticket.status === 'closed' ? 'gray' : 'brand'}>
                {t(`tickets.status.${ticket.status}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {formatDateTime(ticket.createdAt, i18n.language)}
            </Text>
            <SurveyRating survey={ticket.survey} ticketId={ticket.id} />
          </Accordion.Control>
          <Accordion.Panel>{open === String(ticket.id) && <HistoryMessages ticketId={ticket.id} />}</Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
