import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink, IconPaperclip, IconPencil, IconRefresh, IconRepeat, IconTemplate, IconX } from '@tabler/icons-react';
import type { ScheduledMessage } from '@jimmy/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api.js';
import { codeMessage, errorMessage } from '../../lib/errors.js';
import { cancelScheduled, scheduledKeys, updateScheduled, type ScheduledStatus } from './scheduledApi.js';
import { formatDate, formatInZone } from './zonedTime.js';

const statusColor: Record<ScheduledStatus, string> = {
  scheduled: 'blue',
  sending: 'yellow',
  sent: 'green',
  failed: 'red',
  canceled: 'gray',
};

function StatusChip({ status }: { status: ScheduledStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" data-testid="scheduled-status">
      {t(`scheduled.status.${status}`)}
    </Badge>
  );
}

function RepeatLine({ item }: { item: ScheduledMessage }) {
  const { t, i18n } = useTranslation();
  if (!item.repeat) return null;
  const end = item.repeat.times
    ? t('scheduled.list.repeat.times', { count: item.repeat.times })
    : item.repeat.until
      ? t('scheduled.list.repeat.until', { date: formatDate(item.repeat.until, i18n.language) })
      : '';
  return (
    <Group gap={4} c="dimmed" wrap="nowrap">
      <IconRepeat size={14} />
      <Text size="xs">
        {t(`scheduled.list.repeat.${item.repeat.every}`)} · {end} · {t('scheduled.list.repeat.occurrence', { n: item.occurrence + 1 })}
      </Text>
    </Group>
  );
}

/**
 * One scheduled message with what can be done to it now: edit or cancel until sent, try a failed
 * one again. `showContact` on the page, where rows of many conversations mix.
 */
export function ScheduledItem({
  item,
  zone,
  showContact = false,
  onEdit,
}: {
  item: ScheduledMessage;
  zone: string;
  showContact?: boolean;
  onEdit: (item: ScheduledMessage, templateRequired?: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'cancel' | 'retry' | null>(null);
  const open = item.status === 'scheduled' || item.status === 'failed';

  const run = async (kind: 'cancel' | 'retry') => {
    setBusy(kind);
    try {
      if (kind === 'cancel') await cancelScheduled(item.id);
      else await updateScheduled(item.id, { status: 'scheduled' });
      notifications.show({ color: 'brand', message: t(kind === 'cancel' ? 'scheduled.list.canceled' : 'scheduled.list.retried') });
      void qc.invalidateQueries({ queryKey: scheduledKeys.all });
    } catch (err) {
      // The window closed meanwhile: the retry needs a template, chosen in the editor.
      if (kind === 'retry' && isApiError(err) && 'template' in err.fields) onEdit(item, true);
      else notifications.show({ color: 'red', message: errorMessage(err, t) });
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="sm" data-testid={`scheduled-${item.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <StatusChip status={item.status} />
            <Text size="sm" fw={600}>
              {formatInZone(item.sendAt, zone, i18n.language)}
            </Text>
          </Group>
          <Group gap={2} wrap="nowrap">
            {showContact && item.ticketId !== null && (
              <Tooltip label={t('scheduled.list.openConversation')}>
                <ActionIcon
                  component={Link}
                  to={`/tickets/${item.ticketId}`}
                  variant="subtle"
                  color="gray"
                  aria-label={t('scheduled.list.openConversation')}
                >
                  <IconExternalLink size={16} />
                </ActionIcon>
              </Tooltip>
            )}
            {item.status === 'failed' && (
              <Tooltip label={t('scheduled.list.retry')}>
                <ActionIcon
                  variant="subtle"
                  color="brand"
                  loading={busy === 'retry'}
                  onClick={() => void run('retry')}
                  aria-label={t('scheduled.list.retry')}
                  data-testid="scheduled-retry"
                >
                  <IconRefresh size={16} />
                </ActionIcon>
              </Tooltip>
            )}
            {open && (
              <Tooltip label={t('scheduled.list.edit')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => onEdit(item)}
                  aria-label={t('scheduled.list.edit')}
                  data-testid="scheduled-edit"
                >
                  <IconPencil size={16} />
                </ActionIcon>
              </Tooltip>
            )}
            {open && (
              <Popover opened={confirming} onChange={setConfirming} position="bottom-end" withArrow shadow="md">
                <Popover.Target>
                  <Tooltip label={t('scheduled.list.cancel')} disabled={confirming}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => setConfirming((c) => !c)}
                      aria-label={t('scheduled.list.cancel')}
                      data-testid="scheduled-cancel"
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Popover.Target>
                <Popover.Dropdown maw={260}>
                  <Text size="sm" mb="xs">
                    {t('scheduled.list.cancelConfirm')}
                  </Text>
                  <Group justify="flex-end" gap="xs">
                    <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                      {t('scheduled.list.keep')}
                    </Button>
                    <Button
                      size="xs"
                      color="red"
                      loading={busy === 'cancel'}
                      onClick={() => void run('cancel')}
                      data-testid="scheduled-cancel-confirm"
                    >
                      {t('scheduled.list.cancelYes')}
                    </Button>
                  </Group>
                </Popover.Dropdown>
              </Popover>
            )}
          </Group>
        </Group>
        {showContact && (
          <Text size="xs" c="dimmed">
            {t('scheduled.list.to', { name: item.contact.name })}
            {item.createdBy && ` · ${t('scheduled.list.by', { name: item.createdBy.name })}`}
          </Text>
        )}
        {item.template && (
          <Group gap={4} c="dimmed" wrap="nowrap">
            <IconTemplate size={14} />
            <Text size="xs">{t('scheduled.list.template', { name: item.template.name })}</Text>
          </Group>
        )}
        {item.body && (
          <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {item.body}
          </Text>
        )}
        {item.media && (
          <Group gap={4} c="dimmed" wrap="nowrap">
            <IconPaperclip size={14} />
            <Text size="xs" truncate="end">
              {t('scheduled.list.attachment', { name: item.media.fileName ?? '' })}
            </Text>
          </Group>
        )}
        <RepeatLine item={item} />
        {item.status === 'failed' && item.error && (
          <Text size="xs" c="red" data-testid="scheduled-error">
            {codeMessage(item.error.code, item.error.message, t)}
          </Text>
        )}
        {item.sentAt && item.status === 'sent' && (
          <Text size="xs" c="dimmed">
            {t('scheduled.list.sentAt', { at: formatInZone(item.sentAt, zone, i18n.language) })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
