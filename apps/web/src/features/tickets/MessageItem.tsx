import { memo } from 'react';
import { Badge, Box, Center, Text } from '@mantine/core';
import type { Message, Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/index.js';
import { useQueues } from '../connections/index.js';
import { useAgents } from './ticketsApi.js';
import { dayLabel, isSameDay } from './ticketFormat.js';
import { MessageBubble } from './MessageBubble.js';
import { NoteBubble } from '../notes/index.js';

interface Props {
  message: Message;
  previous: Message | undefined;
  ticket: Ticket | null;
  onReply: ((m: Message) => void) | null;
  onJumpTo: (id: number) => void;
  highlighted: boolean;
}

function SystemLine({ message }: { message: Message }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queues = useQueues();
  const agents = useAgents(me.role !== 'agent');
  const p = message.payload ?? {};
  let text = message.body;
  if (p.event === 'transferred') {
    const queue = queues.data?.find((q) => q.id === p.queueId);
    const user = agents.data?.find((u) => u.id === p.userId);
    const userName = user?.name ?? (p.userId === me.id ? me.name : null);
    if (queue && userName) text = t('tickets.system.transferredBoth', { queue: queue.name, user: userName });
    else if (queue) text = t('tickets.system.transferredQueue', { queue: queue.name });
    else if (userName) text = t('tickets.system.transferredUser', { user: userName });
    else if (!text) text = t('tickets.system.transferred');
  }
  const note = typeof p.note === 'string' && p.note ? p.note : null;
  return (
    <Center
      my={6}
      px="md"
      data-testid={`message-${message.id}`}
      data-direction={message.direction}
      data-status={message.status}
      data-type="system"
    >
      <Box ta="center" maw="80%" px="sm" py={4} style={{ borderRadius: 8, background: 'var(--mantine-color-default-hover)' }}>
        <Text size="xs" c="dimmed" data-testid={`message-text-${message.id}`}>
          {text}
        </Text>
        {note && (
          <Text size="xs" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
            “{note}”
          </Text>
        )}
      </Box>
    </Center>
  );
}

/** One row of a conversation: a day separator when the day changes, then a system line or a bubble. */
export const MessageItem = memo(function MessageItem({ message, previous, ticket, onReply, onJumpTo, highlighted }: Props) {
  const { t, i18n } = useTranslation();
  const newDay = !previous || !isSameDay(previous.createdAt, message.createdAt);
  return (
    <Box pb={2}>
      {newDay && (
        <Center py="xs">
          <Badge
            variant="light"
            color="gray"
            radius="sm"
            styles={{ root: { textTransform: 'none', fontWeight: 500 } }}
            data-testid="day-separator"
          >
            {dayLabel(message.createdAt, i18n.language, t)}
          </Badge>
        </Center>
      )}
      {message.type === 'note' ? (
        <NoteBubble message={message} highlighted={highlighted} readOnly={ticket === null} />
      ) : message.type === 'system' || message.author === 'system' ? (
        <SystemLine message={message} />
      ) : (
        <MessageBubble message={message} ticket={ticket} onReply={onReply} onJumpTo={onJumpTo} highlighted={highlighted} />
      )}
    </Box>
  );
});
