import { Alert, Avatar, Badge, Button, Center, Drawer, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconCheck, IconEye } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Announcement } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime, initials } from '../../lib/format.js';
import { useAnnouncementAcks, useArchiveAnnouncement } from './announcementsApi.js';

/** Each recipient with when they opened and acknowledged it; refreshed live by `announcement.acked`. */
export function AcksDrawer({ announcement, onClose }: { announcement: Announcement | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const acks = useAnnouncementAcks(announcement?.id ?? null);
  const archive = useArchiveAnnouncement();
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Drawer
      opened={announcement !== null}
      onClose={onClose}
      position={phone ? 'bottom' : 'right'}
      size={phone ? '85%' : 'md'}
      title={
        <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
          {t('announcements.acks.title')} · {announcement?.title}
        </Text>
      }
      data-testid="announcement-acks"
    >
      {acks.isError ? (
        <Alert color="red" variant="light" title={t('announcements.acks.loadFailed')}>
          {errorMessage(acks.error, t)}
        </Alert>
      ) : acks.isPending ? (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      ) : (
        <Stack gap="xs">
          {acks.data.map((row) => (
            <Group key={row.userId} wrap="nowrap" gap="sm" data-testid={`ack-row-${row.userId}`} data-acked={row.ackedAt ? 'yes' : 'no'}>
              <Avatar radius="xl" size="md" color={row.ackedAt ? 'brand' : 'gray'}>
                {initials(row.name)}
              </Avatar>
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  {row.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {row.ackedAt
                    ? t('announcements.acks.acked', { at: at(row.ackedAt) })
                    : row.seenAt
                      ? t('announcements.acks.seen', { at: at(row.seenAt) })
                      : t('announcements.acks.pending')}
                </Text>
              </Stack>
              {row.ackedAt ? (
                <Badge color="brand" variant="light" leftSection={<IconCheck size={12} />}>
                  {t('announcements.banner.ack')}
                </Badge>
              ) : row.seenAt ? (
                <IconEye size={16} color="var(--mantine-color-dimmed)" />
              ) : null}
            </Group>
          ))}
          {announcement && !announcement.archivedAt && (
            <Stack gap={4} mt="md">
              <Button
                variant="default"
                leftSection={<IconArchive size={16} />}
                loading={archive.isPending}
                onClick={() =>
                  archive.mutate(announcement.id, {
                    onSuccess: () => {
                      notifications.show({ color: 'brand', message: t('announcements.acks.archived') });
                      onClose();
                    },
                    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                  })
                }
                data-testid="announcement-archive"
              >
                {t('announcements.acks.archive')}
              </Button>
              <Text size="xs" c="dimmed">
                {t('announcements.acks.archiveHint')}
              </Text>
            </Stack>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
