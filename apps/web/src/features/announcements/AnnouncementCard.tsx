import { Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconEye, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Announcement } from '@jimmy/contracts';
import { formatDateTime } from '../../lib/format.js';

/** One sent announcement: who it went to, and how many acknowledged it (a bar that moves live). */
export function AnnouncementCard({ announcement: a, onOpen }: { announcement: Announcement; onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const audience =
    a.audience.kind === 'everyone'
      ? t('announcements.list.to.everyone')
      : a.audience.kind === 'queue'
        ? a.queueName
          ? t('announcements.list.to.queue', { name: a.queueName })
          : t('announcements.list.to.queueGone')
        : t('announcements.list.to.users', { count: a.recipientCount });
  const percent = a.recipientCount === 0 ? 0 : Math.round((a.ackCount / a.recipientCount) * 100);
  return (
    <Paper withBorder radius="md" p="md" data-testid={`announcement-${a.id}`} opacity={a.archivedAt ? 0.7 : 1}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {a.title}
          </Text>
          {a.archivedAt && (
            <Badge color="gray" variant="light" style={{ flexShrink: 0 }}>
              {t('announcements.list.archived')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {a.body}
        </Text>
        <Text size="xs" c="dimmed">
          {audience} · {t('announcements.list.by', { name: a.author?.name ?? '—', at: formatDateTime(a.createdAt, i18n.language) })}
        </Text>
        <Progress value={percent} color={percent === 100 ? 'brand' : 'yellow'} size="md" radius="xl" aria-label={`${percent}%`} />
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="md">
            <Text size="sm" fw={600} data-testid={`announcement-${a.id}-progress`}>
              {t('announcements.list.progress', { acked: a.ackCount, total: a.recipientCount })}
            </Text>
            <Group gap={4}>
              <IconEye size={14} />
              <Text size="xs" c="dimmed">
                {t('announcements.list.seen', { count: a.seenCount })}
              </Text>
            </Group>
          </Group>
          <Button
            variant="light"
            size="compact-sm"
            leftSection={<IconUsers size={14} />}
            onClick={() => onOpen(a.id)}
            data-testid={`announcement-${a.id}-details`}
          >
            {t('announcements.list.details')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
