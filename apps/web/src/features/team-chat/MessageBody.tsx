import { Fragment, type ReactNode } from 'react';
import { Badge, Text } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import type { ChatMessage } from '@jimmy/contracts';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text of a chat message, as text (never HTML): `#1234` the reader may see becomes a chip
 * that opens the ticket, one they may not see stays plain text; `@Name` of a mentioned member is
 * highlighted.
 */
export function MessageBody({
  message,
  names,
  onOpenTicket,
}: {
  message: ChatMessage;
  names: Map<number, string>;
  onOpenTicket?: () => void;
}) {
  const { t } = useTranslation();
  const visible = new Set(message.ticketRefs.filter((r) => r.visible).map((r) => r.ticketId));
  const mentioned = message.mentions.map((id) => names.get(id)).filter((n): n is string => Boolean(n));
  const alternatives = ['#(\\d{1,15})', ...mentioned.sort((a, b) => b.length - a.length).map((n) => `@${escape(n)}`)];
  const pattern = new RegExp(alternatives.join('|'), 'giu');
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of message.body.matchAll(pattern)) {
    const at = match.index;
    if (at > last) parts.push(message.body.slice(last, at));
    const ticketId = match[1] ? Number(match[1]) : null;
    if (ticketId !== null && visible.has(ticketId)) {
      parts.push(
        <Badge
          key={at}
          component={Link}
          to={`/tickets/${ticketId}`}
          onClick={onOpenTicket}
          variant="light"
          radius="sm"
          leftSection={<IconTicket size={12} />}
          style={{ cursor: 'pointer', textTransform: 'none', verticalAlign: 'baseline' }}
          aria-label={t('teamChat.ticketChip', { id: ticketId })}
          data-testid={`chat-ticket-chip-${ticketId}`}
        >
          #{ticketId}
        </Badge>,
      );
    } else if (ticketId === null) {
      parts.push(
        <Text key={at} span fw={600} c="blue" data-testid="chat-mention">
          {match[0]}
        </Text>,
      );
    } else {
      parts.push(match[0]);
    }
    last = at + match[0].length;
  }
  if (last < message.body.length) parts.push(message.body.slice(last));
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="chat-message-body">
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </Text>
  );
}
