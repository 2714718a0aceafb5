import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconArrowRight, IconBrandWhatsapp, IconMessageChatbot } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketStatus } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useContactHistory } from './contactsApi.js';

const statusColor: Record<TicketStatus, string> = { pending: 'yellow', open: 'green', closed: 'gray' };

function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status]} radius="sm" data-status={status}>
      {t(`contacts.history.status.${status}`)}
    </Badge>
  );
}

function preview(ticket: Ticket, t: ReturnType<typeof useTranslation>['t']): string {
  const last = ticket.lastMessage;
  if (!last) return t('contacts.history.noMessage');
  if (last.body.trim()) return last.body;
  return t('contacts.history.media', { type: last.type });
}

export function ContactHistory({ contactId }: { contactId: number }) {
  const { t, i18n } = useTranslation();
  const history = useContactHistory(contactId);

  if (history.isPending) {
    return (
      <Stack gap="xs">
        <Skeleton height={72} radius="md" />
        <Skeleton height={72} radius="md" />
      </Stack>
    );
  }
  if (history.isError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('contacts.history.loadFailed')}>
        {errorMessage(history.error, t)}{' '}
        <Button variant="subtle" size="compact-sm" color="red" onClick={() => void history.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  if (history.data.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="contact-history-empty">
        {t('contacts.history.empty')}
      </Text>
    );
  }

  return (
    <Stack gap="xs" data-testid="contact-history">
      {history.data.map((ticket) => {
        const ChannelIcon = ticket.connectionType === 'webchat' ? IconMessageChatbot : IconBrandWhatsapp;
        return (
          <Paper key={ticket.id} withBorder radius="md" p="sm" data-testid={`contact-history-${ticket.id}`}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Group gap="xs" wrap="nowrap">
                <ChannelIcon size={18} color="var(--mantine-color-dimmed)" />
                <Text size="sm" fw={600}>
                  #{ticket.id}
                </Text>
                <TicketStatusBadge status={ticket.status} />
              </Group>
              <Anchor component={Link} to={`/tickets/${ticket.id}`} size="sm" data-testid={`contact-history-link-${ticket.id}`}>
                <Group gap={2} wrap="nowrap">
                  {t('contacts.history.open')}
                  <IconArrowRight size={14} />
                </Group>
              </Anchor>
            </Group>
            <Text
              size="sm"
              mt={6}
              lineClamp={2}
              c={ticket.lastMessage ? undefined : 'dimmed'}
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
            >
              {preview(ticket, t)}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {t('contacts.history.opened', { date: formatDateTime(ticket.createdAt, i18n.language) })}
              {ticket.closedAt && ` · ${t('contacts.history.closed', { date: formatDateTime(ticket.closedAt, i18n.language) })}`}
            </Text>
          </Paper>
        );
      })}
    </Stack>
  );
}
