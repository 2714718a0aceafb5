import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Center,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconAt, IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@jimmy/contracts';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { markAllNotificationsRead, markNotificationRead, notesKeys, useNotifications } from './notesApi.js';
import { notificationPath, useNotesRealtime } from './useNotesRealtime.js';

/** The header bell: unread badge, the user's mentions, "mark all read"; a click opens the note. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [marking, setMarking] = useState(false);
  const list = useNotifications();
  useNotesRealtime();
  const unread = list.data?.pages[0]?.unreadCount ?? 0;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: notesKeys.notifications });

  const open = (n: Notification) => {
    setOpened(false);
    if (!n.readAt) void markNotificationRead(n.id).then(refresh, () => undefined);
    const path = notificationPath(n);
    if (path) void navigate(path);
  };
  const markAll = async () => {
    setMarking(true);
    try {
      await markAllNotificationsRead();
      await refresh();
    } finally {
      setMarking(false);
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={16}
          disabled={unread === 0}
          color="red"
          offset={4}
          data-testid="notification-badge"
          data-count={unread}
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('notes.bell.label')}
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} maw="calc(100vw - 16px)" data-testid="notification-list">
        <Group justify="space-between" px="sm" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Text fw={600} size="sm">
            {t('notes.bell.title')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            loading={marking}
            onClick={() => void markAll()}
            data-testid="notification-read-all"
          >
            {t('notes.bell.markAll')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {list.isPending ? (
            <Center p="md">
              <Loader size="sm" />
            </Center>
          ) : list.isError ? (
            <Alert m="sm" color="red" variant="light" title={t('notes.bell.loadFailed')}>
              {errorMessage(list.error, t)}
            </Alert>
          ) : items.length === 0 ? (
            <Stack gap={4} p="md" ta="center">
              <Text size="sm" fw={600}>
                {t('notes.bell.emptyTitle')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('notes.bell.emptyText')}
              </Text>
            </Stack>
          ) : (
            <Stack gap={0}>
              {items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  px="sm"
                  py="xs"
                  onClick={() => open(n)}
                  style={{
                    borderBottom: '1px solid var(--mantine-color-default-border)',
                    background: n.readAt ? undefined : 'var(--mantine-color-default-hover)',
                  }}
                  data-testid={`notification-${n.id}`}
                  data-read={n.readAt ? 'true' : 'false'}
                >
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Box c="yellow.8" pt={2}>
                      <IconAt size={16} />
                    </Box>
                    <Box style={{ minWidth: 0, flex: 1 }}>
                      <Text size="sm" fw={n.readAt ? 400 : 600} lineClamp={2}>
                        {n.kind === 'webhook-disabled'
                          ? t('notes.bell.webhookDisabled')
                          : n.contactName
                            ? t('notes.bell.mentionedIn', { name: n.actor?.name ?? t('notes.bell.someone'), contact: n.contactName })
                            : t('notes.bell.mentioned', { name: n.actor?.name ?? t('notes.bell.someone') })}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                        {n.excerpt}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(n.createdAt, i18n.language)}
                      </Text>
                    </Box>
                  </Group>
                </UnstyledButton>
              ))}
              {list.hasNextPage && (
                <Center p="xs">
                  <Button size="compact-xs" variant="subtle" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                    {t('notes.bell.loadMore')}
                  </Button>
                </Center>
              )}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
