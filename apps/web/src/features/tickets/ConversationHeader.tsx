import { useState } from 'react';
import { ActionIcon, Avatar, Badge, Box, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconArrowsExchange,
  IconCheck,
  IconDotsVertical,
  IconLayoutSidebarRight,
  IconLock,
  IconLockOpen,
  IconUser,
} from '@tabler/icons-react';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { initials } from '../../lib/format.js';
import { useQueues } from '../connections/index.js';
import { SurveyBadge } from '../surveys/index.js';
import { CloseTicketModal } from './CloseTicketModal.js';
import { useTicketAction } from './ticketsApi.js';
import { ChannelIcon } from './TicketRow.js';
import { TransferModal } from './TransferModal.js';
import { TagChips, TicketTagsButton } from '../tags/index.js';
import { TicketIntegrationsMenu } from '../ai-assist/index.js';

const statusColor = { bot: 'violet', pending: 'orange', open: 'brand', closed: 'gray' } as const;
// Below these header widths (px) the secondary actions move into the menu, then the main action
// loses its label (icon with tooltip), then it moves into the menu too: the name gets the room.
const ROOMY_WIDTH = 760;
const ICON_WIDTH = 560;
const TIGHT_WIDTH = 420;

interface Props {
  ticket: Ticket;
  panelOpen: boolean;
  onTogglePanel: () => void;
  /** Set where the list is not beside the conversation (phones): the way back to it. */
  onBack: (() => void) | null;
}

export function ConversationHeader({ ticket, panelOpen, onTogglePanel, onBack }: Props) {
  const { t } = useTranslation();
  const action = useTicketAction();
  const queues = useQueues();
  const { ref, width } = useElementSize();
  const [transferOpen, setTransferOpen] = useState(false);
  const [transferOpenings, setTransferOpenings] = useState(0);
  const [confirmClose, setConfirmCloseOpen] = useState(false);
  const [closeOpenings, setCloseOpenings] = useState(0);
  const setConfirmClose = (open: boolean) => {
    if (open) setCloseOpenings((n) => n + 1);
    setConfirmCloseOpen(open);
  };
  const queue = queues.data?.find((q) => q.id === ticket.queueId);
  // Before the first measurement width is 0: start compact rather than flash clipped buttons.
  const roomy = width >= ROOMY_WIDTH;
  const tight = width > 0 && width < TIGHT_WIDTH;
  const iconOnly = width < ICON_WIDTH;
  const name = ticket.contact.name || ticket.contact.phone || t('tickets.unknownContact');

  const run = (kind: 'accept' | 'close' | 'reopen', body?: { sendSurvey?: boolean }) =>
    action.mutate(
      { id: ticket.id, action: kind, ...(body && { body }) },
      {
        onSuccess: () => setConfirmClose(false),
        onError: (err) => {
          const message =
            isApiError(err) && err.code === 'CONTACT_HAS_LIVE_TICKET' ? t('tickets.actions.liveTicketExists') : errorMessage(err, t);
          notifications.show({ color: 'red', title: t(`tickets.actions.${kind}Failed`), message });
        },
      },
    );
  const openTransfer = () => {
    setTransferOpenings((n) => n + 1);
    setTransferOpen(true);
  };

  const main =
    ticket.status === 'pending' || ticket.status === 'bot'
      ? {
          kind: 'accept' as const,
          // Taking a conversation from the bot (menu or flow) is a manager's call; it stops the bot.
          label: t(ticket.status === 'bot' ? 'tickets.actions.takeOver' : 'tickets.actions.accept'),
          icon: IconCheck,
          onClick: () => run('accept'),
        }
      : ticket.status === 'open'
        ? { kind: 'close' as const, label: t('tickets.actions.close'), icon: IconLock, onClick: () => setConfirmClose(true) }
        : { kind: 'reopen' as const, label: t('tickets.actions.reopen'), icon: IconLockOpen, onClick: () => run('reopen') };
  const canTransfer = ticket.status !== 'closed';
  // A waiting ticket can also be closed without being accepted (spam, duplicates).
  const closeAsSecondary = ticket.status === 'pending' || ticket.status === 'bot';

  return (
    <Group
      ref={ref}
      px={onBack ? 'xs' : 'md'}
      py="sm"
      justify="space-between"
      wrap="nowrap"
      gap="xs"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="conversation-header"
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
        {onBack && (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={onBack}
            aria-label={t('tickets.backToList')}
            data-testid="conversation-back"
          >
            <IconArrowLeft size={20} />
          </ActionIcon>
        )}
        <Avatar src={ticket.contact.avatarUrl} radius="xl" color="brand" visibleFrom="xs">
          {initials(ticket.contact.name || '?')}
        </Avatar>
        <Box style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <ChannelIcon type={ticket.connectionType} />
            {/* Two lines before an ellipsis: with every header action on (tags, AI, panel) a long name still reads whole at 1366 px. */}
            <Text
              fw={600}
              lineClamp={2}
              lh={1.25}
              style={{ overflowWrap: 'anywhere' }}
              title={name}
              data-testid="conversation-contact-name"
            >
              {name}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Badge size="xs" variant="light" color={statusColor[ticket.status]} style={{ flexShrink: 0 }} data-testid="ticket-status">
              {t(`tickets.status.${ticket.status}`)}
            </Badge>
            <SurveyBadge survey={ticket.survey} />
            {roomy && <TagChips tags={ticket.tags} max={2} />}
            <Text size="xs" c="dimmed" truncate="end">
              {[ticket.contact.phone, queue?.name, `#${ticket.id}`].filter(Boolean).join(' · ')}
            </Text>
          </Group>
        </Box>
      </Group>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        {roomy && canTransfer && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowsExchange size={16} />}
            onClick={openTransfer}
            data-testid="ticket-transfer"
          >
            {t('tickets.actions.transfer')}
          </Button>
        )}
        {roomy && closeAsSecondary && (
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
        )}
        {!tight && iconOnly && (
          <Tooltip label={main.label}>
            <ActionIcon
              size="lg"
              variant={main.kind === 'accept' ? 'filled' : 'light'}
              color={main.kind === 'close' ? 'red' : undefined}
              loading={action.isPending}
              onClick={main.onClick}
              aria-label={main.label}
              data-testid={`ticket-${main.kind}`}
            >
              <main.icon size={18} />
            </ActionIcon>
          </Tooltip>
        )}
        {!iconOnly && (
          <Button
            size="xs"
            variant={main.kind === 'accept' ? 'filled' : 'light'}
            color={main.kind === 'close' ? 'red' : undefined}
            leftSection={<main.icon size={16} />}
            loading={action.isPending}
            onClick={main.onClick}
            data-testid={`ticket-${main.kind}`}
          >
            {main.label}
          </Button>
        )}
        <TicketTagsButton ticket={ticket} />
        <TicketIntegrationsMenu ticket={ticket} />
        <Tooltip label={panelOpen ? t('tickets.contact.hide') : t('tickets.contact.show')}>
          <ActionIcon
            variant={panelOpen ? 'light' : 'default'}
            size="lg"
            onClick={onTogglePanel}
            aria-label={panelOpen ? t('tickets.contact.hide') : t('tickets.contact.show')}
            data-testid="contact-panel-toggle"
          >
            {onBack ? <IconUser size={18} /> : <IconLayoutSidebarRight size={18} />}
          </ActionIcon>
        </Tooltip>
        {(!roomy && (canTransfer || closeAsSecondary)) || tight ? (
          <Menu position="bottom-end" shadow="md" withinPortal>
            <Menu.Target>
              <ActionIcon variant="default" size="lg" aria-label={t('tickets.actions.more')} data-testid="ticket-more">
                <IconDotsVertical size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {tight && (
                <Menu.Item
                  leftSection={<main.icon size={16} />}
                  color={main.kind === 'close' ? 'red' : undefined}
                  onClick={main.onClick}
                  data-testid={`ticket-${main.kind}`}
                >
                  {main.label}
                </Menu.Item>
              )}
              {canTransfer && (
                <Menu.Item leftSection={<IconArrowsExchange size={16} />} onClick={openTransfer} data-testid="ticket-transfer">
                  {t('tickets.actions.transfer')}
                </Menu.Item>
              )}
              {closeAsSecondary && (
                <Menu.Item
                  leftSection={<IconLock size={16} />}
                  color="red"
                  onClick={() => setConfirmClose(true)}
                  data-testid="ticket-close"
                >
                  {t('tickets.actions.close')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      <CloseTicketModal
        key={closeOpenings}
        ticket={ticket}
        opened={confirmClose}
        closing={action.isPending}
        onClose={() => setConfirmClose(false)}
        onConfirm={(body) => run('close', body)}
      />
      <TransferModal key={transferOpenings} ticket={ticket} opened={transferOpen} onClose={() => setTransferOpen(false)} />
    </Group>
  );
}
