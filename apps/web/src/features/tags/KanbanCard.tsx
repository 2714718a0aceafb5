import { ActionIcon, Avatar, Badge, Group, Menu, Paper, Text, UnstyledButton } from '@mantine/core';
import { IconArrowsMove } from '@tabler/icons-react';
import type { KanbanCard as Card, KanbanLane } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { initials } from '../../lib/format.js';
import { messagePreview } from '../tickets/ticketFormat.js';
import { TagChips } from './TagChip.js';

function elapsed(iso: string, language: string): string {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
  const format = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  if (minutes < 60) return `${format.format(minutes)} min`;
  if (minutes < 48 * 60) return `${format.format(Math.floor(minutes / 60))} h`;
  return `${format.format(Math.floor(minutes / 1440))} d`;
}

interface Props {
  card: Card;
  lanes: readonly KanbanLane[];
  currentTagId: number | null;
  onOpen: () => void;
  onMove: (tagId: number | null) => void;
}

/** A conversation on the board: drag it to another column, or open "Mover para…" from the keyboard. */
export function KanbanCard({ card, lanes, currentTagId, onOpen, onMove }: Props) {
  const { t, i18n } = useTranslation();
  const { ticket } = card;
  const name = ticket.contact.name || ticket.contact.phone || t('tickets.unknownContact');
  const last = ticket.lastMessage;
  const otherTags = ticket.tags.filter((tag) => tag.id !== currentTagId);
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData('text/x-ticket-id', String(ticket.id));
        event.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: 'grab' }}
      data-testid={`kanban-card-${ticket.id}`}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <UnstyledButton onClick={onOpen} style={{ flex: 1, minWidth: 0 }} aria-label={name} data-testid={`kanban-open-${ticket.id}`}>
          <Group gap="xs" wrap="nowrap">
            <Avatar src={ticket.contact.avatarUrl} size="sm" radius="xl" color="brand">
              {initials(name)}
            </Avatar>
            <Text size="sm" fw={600} truncate="end" style={{ minWidth: 0 }}>
              {name}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2} mt={4}>
            {last ? messagePreview(last.type, last.body, t) : t('tickets.list.noMessages')}
          </Text>
        </UnstyledButton>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t('tags.kanban.moveTo')}
              data-testid={`kanban-move-${ticket.id}`}
            >
              <IconArrowsMove size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('tags.kanban.moveTo')}</Menu.Label>
            {lanes.map((lane) => {
              const id = lane.tag?.id ?? null;
              return (
                <Menu.Item
                  key={id ?? 'open'}
                  disabled={id === currentTagId}
                  onClick={() => onMove(id)}
                  data-testid={`kanban-move-${ticket.id}-to-${id ?? 'open'}`}
                >
                  {lane.tag?.name ?? t('tags.kanban.open')}
                </Menu.Item>
              );
            })}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Group gap={6} mt={6} wrap="wrap">
        <Text size="xs" c="dimmed">
          {card.agent?.name ?? t('tags.kanban.unassigned')}
        </Text>
        {card.waitingSince && (
          <Badge size="xs" variant="light" color="orange">
            {t('tags.kanban.waiting', { time: elapsed(card.waitingSince, i18n.language) })}
          </Badge>
        )}
        {ticket.unreadCount > 0 && (
          <Badge size="xs" variant="filled" aria-label={t('tags.kanban.unread', { count: ticket.unreadCount })}>
            {ticket.unreadCount}
          </Badge>
        )}
      </Group>
      {otherTags.length > 0 && (
        <Group mt={6}>
          <TagChips tags={otherTags} max={2} />
        </Group>
      )}
    </Paper>
  );
}
