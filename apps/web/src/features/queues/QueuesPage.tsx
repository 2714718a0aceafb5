import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Center, EmptyState, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowDown, IconArrowUp, IconArrowsSplit, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Queue } from '@jimmy/contracts';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { DeleteQueueModal } from './DeleteQueueModal.js';
import { QueueFormModal } from './QueueFormModal.js';
import { useQueueList, useReorderQueues } from './queuesApi.js';

type FormState = { open: false } | { open: true; queue: Queue | null };

export function QueuesPage() {
  const { t } = useTranslation();
  const queues = useQueueList();
  const reorder = useReorderQueues();
  const [form, setForm] = useState<FormState>({ open: false });
  const [deleting, setDeleting] = useState<Queue | null>(null);

  const move = (index: number, delta: -1 | 1) => {
    const ids = (queues.data ?? []).map((q) => q.id);
    const target = index + delta;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    reorder.mutate(ids, {
      onError: (error) => notifications.show({ color: 'red', title: t('queues.reorderFailed'), message: errorMessage(error, t) }),
    });
  };

  const newButton = (
    <Button leftSection={<IconPlus size={18} />} onClick={() => setForm({ open: true, queue: null })} data-testid="queues-new">
      {t('queues.new')}
    </Button>
  );

  return (
    <>
      {/* With no queue yet the empty state offers the one "new queue" button, not a second one above it. */}
      <PageHeader
        title={t('queues.title')}
        description={t('queues.subtitle')}
        actions={queues.data?.length === 0 ? undefined : newButton}
      />
      {queues.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('queues.loadFailed')}>
          {errorMessage(queues.error, t)}{' '}
          <Button variant="subtle" size="compact-sm" color="red" onClick={() => void queues.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : queues.isPending ? (
        <Center mih={240}>
          <Loader />
        </Center>
      ) : queues.data.length === 0 ? (
        <Paper withBorder radius="lg" p="xl" data-testid="queues-empty">
          <Center mih={280}>
            <EmptyState
              variant="light"
              size="lg"
              icon={<IconArrowsSplit size={32} />}
              title={t('queues.emptyTitle')}
              description={t('queues.emptyText')}
              maw={500}
            >
              <EmptyState.Actions>{newButton}</EmptyState.Actions>
            </EmptyState>
          </Center>
        </Paper>
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('queues.orderHint')}
          </Text>
          <Paper withBorder radius="lg" p={0} style={{ overflow: 'hidden' }} data-testid="queues-list">
            {queues.data.map((queue, index) => (
              <QueueRow
                key={queue.id}
                queue={queue}
                first={index === 0}
                last={index === queues.data.length - 1}
                busy={reorder.isPending}
                onUp={() => move(index, -1)}
                onDown={() => move(index, 1)}
                onEdit={() => setForm({ open: true, queue })}
                onDelete={() => setDeleting(queue)}
              />
            ))}
          </Paper>
        </Stack>
      )}
      <QueueFormModal opened={form.open} queue={form.open ? form.queue : null} onClose={() => setForm({ open: false })} />
      <DeleteQueueModal queue={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}

function QueueRow(props: {
  queue: Queue;
  first: boolean;
  last: boolean;
  busy: boolean;
  onUp: () => void;
  onDown: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const { queue } = props;
  const name = { name: queue.name };
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      px="md"
      py="sm"
      style={{ borderTop: props.first ? undefined : '1px solid var(--mantine-color-default-border)' }}
      data-testid={`queue-row-${queue.id}`}
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <span
          aria-hidden
          style={{ width: 14, height: 14, borderRadius: '50%', background: queue.color, flex: 'none', display: 'inline-block' }}
        />
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {queue.name}
          </Text>
          <Group gap={6} wrap="wrap">
            <Badge variant="light" color={queue.userIds.length === 0 ? 'orange' : 'gray'} size="sm">
              {queue.userIds.length === 0 ? t('queues.noMembers') : t('queues.members', { count: queue.userIds.length })}
            </Badge>
            <Badge variant="light" color="blue" size="sm">
              {t(`queues.modes.${queue.assignmentMode}`)}
            </Badge>
            <Badge variant="light" color={queue.schedule ? 'grape' : 'gray'} size="sm">
              {queue.schedule ? t('queues.ownHours') : t('queues.companyHours')}
            </Badge>
          </Group>
        </Stack>
      </Group>
      <Group gap={2} wrap="nowrap">
        <Tooltip label={t('queues.moveUp', name)}>
          <ActionIcon
            variant="subtle"
            color="gray"
            disabled={props.first || props.busy}
            onClick={props.onUp}
            aria-label={t('queues.moveUp', name)}
          >
            <IconArrowUp size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('queues.moveDown', name)}>
          <ActionIcon
            variant="subtle"
            color="gray"
            disabled={props.last || props.busy}
            onClick={props.onDown}
            aria-label={t('queues.moveDown', name)}
          >
            <IconArrowDown size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('queues.edit', name)}>
          <ActionIcon variant="subtle" onClick={props.onEdit} aria-label={t('queues.edit', name)} data-testid={`queue-edit-${queue.id}`}>
            <IconPencil size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('queues.remove', name)}>
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={props.onDelete}
            aria-label={t('queues.remove', name)}
            data-testid={`queue-delete-${queue.id}`}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
