import { useState } from 'react';
import { ActionIcon, Avatar, Badge, Box, Button, Group, Modal, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange, IconCheck, IconLayoutSidebarRight, IconLock, IconLockOpen } from '@tabler/icons-react';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { initials } from '../../lib/format.js';
import { useQueues } from '../connections/index.js';
import { useTicketAction } from './ticketsApi.js';
import { ChannelIcon } from './TicketRow.js';
import { TransferModal } from './TransferModal.js';

const statusColor = { pending: 'orange', open: 'brand', closed: 'gray' } as const;

export function ConversationHeader({
  ticket,
  panelOpen,
  onTogglePanel,
}: {
  ticket: Ticket;
  panelOpen: boolean;
  onTogglePanel: (() => void) | null;
}) {
  const { t } = useTranslation();
  const action = useTicketAction();
  const queues = useQueues();
  const [transferOpen, setTransferOpen] = useState(false);
  const [transferOpenings, setTransferOpenings] = useState(0);
  const [confirmClose, setConfirmClose] = useState(false);
  const queue = queues.data?.find((q) => q.id === ticket.queueId);

  const run = (kind: 'accept' | 'close' | 'reopen') =>
    action.mutate(
      { id: ticket.id, action: kind },
      {
        onSuccess: () => setConfirmClose(false),
        onError: (err) => {
          const message =
            isApiError(err) && err.code === 'CONTACT_HAS_LIVE_TICKET' ? t('tickets.actions.liveTicketExists') : errorMessage(err, t);
          notifications.show({ color: 'red', title: t(`tickets.actions.${kind}Failed`), message });
        },
      },
    );

  return (
    <Group
      px="md"
      py="sm"
      justify="space-between"
      wrap="wrap"
      gap="xs"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 200, flex: 1 }}>
        <Avatar src={ticket.contact.avatarUrl} radius="xl" color="brand">
          {initials(ticket.contact.name || '?')}
        </Avatar>
        <Box style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <ChannelIcon type={ticket.connectionType} />
            <Text fw={600} truncate="end" data-testid="conversation-contact-name">
              {ticket.contact.name || ticket.contact.phone || t('tickets.unknownContact')}
            </Text>
            <Badge size="sm" variant="light" color={statusColor[ticket.status]} data-testid="ticket-status">
              {t(`tickets.status.${ticket.status}`)}
            </Badge>
          </Group>
          <Group gap={6} wrap="nowrap">
            {ticket.contact.phone && (
              <Text size="xs" c="dimmed">
                {ticket.contact.phone}
              </Text>
            )}
            {queue && (
              <Text size="xs" c="dimmed">
                · {queue.name}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              · #{ticket.id}
            </Text>
          </Group>
        </Box>
      </Group>
      <Group gap="xs" wrap="nowrap" ml="auto">
        {ticket.status === 'pending' && (
          <Button
            size="xs"
            leftSection={<IconCheck size={16} />}
            loading={action.isPending}
            onClick={() => run('accept')}
            data-testid="ticket-accept"
          >
            {t('tickets.actions.accept')}
          </Button>
        )}
        {ticket.status !== 'closed' && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowsExchange size={16} />}
            onClick={() => {
              setTransferOpenings((n) => n + 1);
              setTransferOpen(true);
            }}
            data-testid="ticket-transfer"
          >
            {t('tickets.actions.transfer')}
          </Button>
        )}
        {ticket.status !== 'closed' ? (
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconLock size={16} />}
            onClick={() => setConfirmClose(true)}
            data-testid="ticket-close"
          >
            {t('tickets.actions.close')}
          </Button>
        ) : (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconLockOpen size={16} />}
            loading={action.isPending}
            onClick={() => run('reopen')}
            data-testid="ticket-reopen"
          >
            {t('tickets.actions.reopen')}
          </Button>
        )}
        {onTogglePanel && (
          <Tooltip label={panelOpen ? t('tickets.contact.hide') : t('tickets.contact.show')}>
            <ActionIcon
              variant={panelOpen ? 'light' : 'default'}
              size="lg"
              onClick={onTogglePanel}
              aria-label={panelOpen ? t('tickets.contact.hide') : t('tickets.contact.show')}
              data-testid="contact-panel-toggle"
            >
              <IconLayoutSidebarRight size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Modal opened={confirmClose} onClose={() => setConfirmClose(false)} title={t('tickets.actions.closeConfirmTitle')} centered>
        <Text size="sm" mb="md">
          {t('tickets.actions.closeConfirmText')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmClose(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={action.isPending} onClick={() => run('close')} data-testid="ticket-close-confirm">
            {t('tickets.actions.close')}
          </Button>
        </Group>
      </Modal>
      <TransferModal key={transferOpenings} ticket={ticket} opened={transferOpen} onClose={() => setTransferOpen(false)} />
    </Group>
  );
}
