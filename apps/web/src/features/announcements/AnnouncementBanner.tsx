import { useEffect, useRef } from 'react';
import { Badge, Button, Group, Paper, Spoiler, Stack, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.js';
import { markAnnouncementSeen, useAckAnnouncement, usePendingAnnouncements } from './announcementsApi.js';
import { useAnnouncementsRealtime } from './useAnnouncementsRealtime.js';

/**
 * The signed-in user's newest unacknowledged announcement, on every page, until they click "Ciente";
 * the others wait behind it (counted). Title and body are the sender's text: rendered as text only.
 */
export function AnnouncementBanner() {
  const { t, i18n } = useTranslation();
  useAnnouncementsRealtime();
  const pending = usePendingAnnouncements();
  const ack = useAckAnnouncement();
  const current = pending.data?.[0];
  const more = (pending.data?.length ?? 0) - 1;
  const seen = useRef(new Set<number>());

  useEffect(() => {
    if (!current || current.seenAt || seen.current.has(current.id)) return;
    seen.current.add(current.id);
    // Only the sender's "seen" column depends on it: a failure is not worth bothering the reader.
    markAnnouncementSeen(current.id).catch(() => undefined);
  }, [current]);

  if (!current) return null;
  const acknowledge = () =>
    ack.mutate(current.id, {
      onSuccess: () => notifications.show({ color: 'brand', message: t('announcements.banner.acked'), autoClose: 3000 }),
      onError: () => notifications.show({ color: 'red', message: t('announcements.banner.ackFailed') }),
    });

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      mb="md"
      role="region"
      aria-label={t('announcements.banner.label')}
      data-testid="announcement-banner"
      data-announcement-id={current.id}
      style={{ borderColor: 'var(--mantine-color-yellow-5)', background: 'var(--mantine-color-yellow-light)' }}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <ThemeIcon color="yellow" variant="filled" radius="xl" size="lg" visibleFrom="xs">
          <IconSpeakerphone size={18} />
        </ThemeIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={700} style={{ overflowWrap: 'anywhere' }} data-testid="announcement-banner-title">
              {current.title}
            </Text>
            {more > 0 && (
              <Badge color="yellow" variant="light" size="sm" data-testid="announcement-banner-more">
                {t('announcements.banner.more', { count: more })}
              </Badge>
            )}
          </Group>
          <Spoiler maxHeight={66} showLabel="…" hideLabel="↑">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="announcement-banner-body">
              {current.body}
            </Text>
          </Spoiler>
          <Text size="xs" c="dimmed">
            {current.author ? `${t('announcements.banner.from', { name: current.author.name })} · ` : ''}
            {formatDateTime(current.createdAt, i18n.language)}
          </Text>
        </Stack>
        <Button
          color="yellow"
          c="dark"
          leftSection={<IconCheck size={16} />}
          onClick={acknowledge}
          loading={ack.isPending}
          style={{ flexShrink: 0 }}
          data-testid="announcement-ack"
        >
          {t('announcements.banner.ack')}
        </Button>
      </Group>
    </Paper>
  );
}
