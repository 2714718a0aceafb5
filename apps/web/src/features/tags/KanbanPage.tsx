import { useEffect, useState } from 'react';
import { Alert, Badge, Box, Button, Center, Group, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { KanbanBoard, KanbanLane, Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { useRealtimeSocket } from '../realtime/index.js';
import { applyTicketToBoard, removeFromBoard } from './kanbanBoard.js';
import { KanbanCard } from './KanbanCard.js';
import { readableTextColor } from './TagChip.js';
import { tagKeys, useKanban, useMoveCard } from './tagsApi.js';

/** Every ticket event lands on the board at once; what the board cannot place alone is refetched. */
function useLiveBoard() {
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  useEffect(() => {
    if (!socket) return;
    const key = tagKeys.board();
    const refetch = () => void qc.invalidateQueries({ queryKey: key });
    const onTicket = ({ ticket }: { ticket: Ticket }) => {
      const board = qc.getQueryData<KanbanBoard>(key);
      if (!board) return;
      const next = applyTicketToBoard(board, ticket);
      if (next) qc.setQueryData(key, next);
      else refetch();
    };
    const onRemoved = ({ ticketId }: { ticketId: number }) => {
      const board = qc.getQueryData<KanbanBoard>(key);
      if (board) qc.setQueryData(key, removeFromBoard(board, ticketId));
    };
    socket.on('ticket.created', onTicket);
    socket.on('ticket.updated', onTicket);
    socket.on('ticket.removed', onRemoved);
    socket.on('tags.changed', refetch);
    socket.io.on('reconnect', refetch);
    return () => {
      socket.off('ticket.created', onTicket);
      socket.off('ticket.updated', onTicket);
      socket.off('ticket.removed', onRemoved);
      socket.off('tags.changed', refetch);
      socket.io.off('reconnect', refetch);
    };
  }, [socket, qc]);
}

function LaneColumn({
  lane,
  lanes,
  onMove,
}: {
  lane: KanbanLane;
  lanes: readonly KanbanLane[];
  onMove: (ticketId: number, tagId: number | null) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [over, setOver] = useState(false);
  const tagId = lane.tag?.id ?? null;
  const testId = `kanban-lane-${tagId ?? 'open'}`;
  return (
    <Paper
      radius="md"
      p="xs"
      bg={over ? 'var(--mantine-color-brand-light)' : 'var(--mantine-color-default-hover)'}
      style={{ width: 280, flexShrink: 0, display: 'flex', flexDirection: 'column', maxHeight: '100%' }}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('text/x-ticket-id')) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const ticketId = Number(event.dataTransfer.getData('text/x-ticket-id'));
        if (ticketId > 0) onMove(ticketId, tagId);
      }}
      data-testid={testId}
      aria-label={lane.tag?.name ?? t('tags.kanban.open')}
      role="region"
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        {lane.tag ? (
          <Badge radius="sm" style={{ background: lane.tag.color, color: readableTextColor(lane.tag.color), textTransform: 'none' }}>
            {lane.tag.name}
          </Badge>
        ) : (
          <Title order={6}>{t('tags.kanban.open')}</Title>
        )}
        <Badge variant="default" size="sm">
          {lane.cards.length}
        </Badge>
      </Group>
      <ScrollArea.Autosize mah="calc(100dvh - 230px)" type="auto" scrollbars="y" offsetScrollbars>
        <Stack gap="xs">
          {lane.cards.map((card) => (
            <KanbanCard
              key={card.ticket.id}
              card={card}
              lanes={lanes}
              currentTagId={tagId}
              onOpen={() => void navigate(`/tickets/${card.ticket.id}`)}
              onMove={(target) => onMove(card.ticket.id, target)}
            />
          ))}
          {lane.cards.length === 0 && (
            <Text size="xs" c="dimmed" ta="center" py="md">
              {t('tags.kanban.empty')}
            </Text>
          )}
          {lane.truncated && (
            <Text size="xs" c="dimmed" ta="center">
              {t('tags.kanban.truncated', { count: lane.cards.length })}
            </Text>
          )}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

export function KanbanPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const board = useKanban();
  const move = useMoveCard();
  useLiveBoard();
  const isAdmin = me.role === 'admin' || me.role === 'super_admin';

  const onMove = (ticketId: number, tagId: number | null) => {
    move.mutate(
      { ticketId, tagId },
      {
        onSuccess: (ticket) => {
          const current = qc.getQueryData<KanbanBoard>(tagKeys.board());
          const next = current && applyTicketToBoard(current, ticket);
          if (next) qc.setQueryData(tagKeys.board(), next);
          else void qc.invalidateQueries({ queryKey: tagKeys.board() });
        },
        onError: (err) => notifications.show({ color: 'red', title: t('tags.kanban.moveFailed'), message: errorMessage(err, t) }),
      },
    );
  };

  const lanes = board.data?.lanes ?? [];
  return (
    <Box>
      <PageHeader
        title={t('tags.kanban.title')}
        description={t('tags.kanban.subtitle')}
        actions={
          isAdmin && (
            <Button component={Link} to="/tags" variant="default" size="xs">
              {t('tags.kanban.manageLanes')}
            </Button>
          )
        }
      />
      {board.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {board.isError && (
        <Alert color="red" title={t('tags.kanban.loadFailed')}>
          {errorMessage(board.error, t)}
        </Alert>
      )}
      {board.data && lanes.length === 1 && (
        <Alert color="blue" title={t('tags.kanban.noLanesTitle')} mb="md" data-testid="kanban-no-lanes">
          {isAdmin ? t('tags.kanban.noLanesAdmin') : t('tags.kanban.noLanesAgent')}
        </Alert>
      )}
      {board.data && (
        <ScrollArea type="auto" offsetScrollbars data-testid="kanban-board">
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
            {lanes.map((lane) => (
              <LaneColumn key={lane.tag?.id ?? 'open'} lane={lane} lanes={lanes} onMove={onMove} />
            ))}
          </Group>
        </ScrollArea>
      )}
    </Box>
  );
}
