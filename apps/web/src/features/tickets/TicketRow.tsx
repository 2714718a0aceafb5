import { Avatar, Badge, Box, Button, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp, IconPhoneCall, IconWorldWww } from '@tabler/icons-react';
import type { Queue, Ticket } from '@jimmy/contracts';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { initials } from '../../lib/format.js';
import { useTicketAction } from './ticketsApi.js';
import { listTime, messagePreview } from './ticketFormat.js';
import { useTicketPath } from './useTicketListParams.js';
import { TagChips } from '../tags/index.js';

export function ChannelIcon({ type, size = 14 }: { type: Ticket['connectionType']; size?: number }) {
  const { t } = useTranslation();
  const Icon = type === 'webchat' ? IconWorldWww : IconBrandWhatsapp;
  return (
    <Tooltip label={t(`tickets.channel.${type}`)}>
      <Icon
        size={size}
        aria-label={t(`tickets.channel.${type}`)}
        color={type === 'webchat' ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-green-7)'}
        // A long name beside it must not squeeze the icon.
        style={{ flexShrink: 0 }}
      />
    </Tooltip>
  );
}

interface Props {
  ticket: Ticket;
  queue: Queue | undefined;
  selected: boolean;
  /** In lists that mix statuses, closed and waiting tickets say so. */
  showStatus?: boolean;
  onOpen: () => void;
}

export function TicketRow({ ticket, queue, selected, showStatus = false, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const ticketPath = useTicketPath();
  const accept = useTicketAction();
  const last = ticket.lastMessage;
  const preview = last
    ? (last.direction === 'out' ? `${t('tickets.list.you')}: ` : '') + messagePreview(last.type, last.body, t)
    : t('tickets.list.noMessages');

  // mutateAsync, not mutate callbacks: the row unmounts as soon as the ticket leaves the pending list.
  const onAccept = () =>
    accept
      .mutateAsync({ id: ticket.id, action: 'accept' })
      .then(() => navigate(ticketPath(ticket.id)))
      .catch((err: unknown) =>
        notifications.show({ color: 'red', title: t('tickets.actions.acceptFailed'), message: errorMessage(err, t) }),
      );

  return (
    <Box
      data-testid={`ticket-row-${ticket.id}`}
      data-status={ticket.status}
      data-selected={selected || undefined}
      style={{
        borderBottom: '1px solid var(--mantine-color-default-border)',
        background: selected ? 'var(--mantine-color-brand-light)' : undefined,
      }}
    >
      <UnstyledButton onClick={onOpen} w="100%" px="sm" py={10} aria-current={selected ? 'true' : undefined}>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Avatar src={ticket.contact.avatarUrl} radius="xl" color="brand" alt={ticket.contact.name}>
            {initials(ticket.contact.name || ticket.contact.phone || '?')}
          </Avatar>
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Group gap={6} wrap="nowrap" justify="space-between">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <ChannelIcon type={ticket.connectionType} />
                <Text fw={600} size="sm" truncate="end">
                  {ticket.contact.name || ticket.contact.phone || t('tickets.unknownContact')}
                </Text>
              </Group>
              <Text size="xs" c={ticket.unreadCount > 0 ? 'brand' : 'dimmed'} style={{ flexShrink: 0 }}>
                {listTime(last?.at ?? ticket.updatedAt, i18n.language, t)}
              </Text>
            </Group>
            <Group gap={6} wrap="nowrap" justify="space-between" mt={2}>
              <Text size="xs" c="dimmed" truncate="end" style={{ minWidth: 0 }}>
                {preview}
              </Text>
              <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                {showStatus && ticket.status !== 'open' && (
                  <Badge
                    size="xs"
                    variant="light"
                    color={ticket.status === 'closed' ? 'gray' : 'yellow'}
                    data-testid={`ticket-status-${ticket.id}`}
                  >
                    {t(`tickets.status.${ticket.status}`)}
                  </Badge>
                )}
                {ticket.callback && (
                  <Tooltip label={t(`tickets.callback.${ticket.callback}Hint`)} multiline w={240}>
                    <Badge
                      size="xs"
                      variant={ticket.callback === 'surfaced' ? 'filled' : 'light'}
                      color="orange"
                      leftSection={<IconPhoneCall size={10} />}
                      data-testid={`ticket-callback-${ticket.id}`}
                    >
                      {t(`tickets.callback.${ticket.callback}`)}
                    </Badge>
                  </Tooltip>
                )}
                {queue && (
                  <Tooltip label={queue.name}>
                    <Box w={8} h={8} style={{ borderRadius: '50%', background: queue.color }} aria-label={queue.name} />
                  </Tooltip>
                )}
                {ticket.unreadCount > 0 && (
                  <Badge size="sm" circle={ticket.unreadCount < 10} variant="filled" data-testid={`ticket-unread-${ticket.id}`}>
                    {ticket.unreadCount}
                  </Badge>
                )}
              </Group>
            </Group>
            {ticket.tags.length > 0 && (
              <Box mt={4}>
                <TagChips tags={ticket.tags} />
              </Box>
            )}
          </Box>
        </Group>
      </UnstyledButton>
      {ticket.status === 'pending' && (
        <Group justify="flex-end" px="sm" pb={8} mt={-4}>
          <Button
            size="compact-xs"
            variant="light"
            loading={accept.isPending}
            onClick={() => void onAccept()}
            data-testid={`ticket-accept-${ticket.id}`}
          >
            {t('tickets.actions.accept')}
          </Button>
        </Group>
      )}
    </Box>
  );
}
