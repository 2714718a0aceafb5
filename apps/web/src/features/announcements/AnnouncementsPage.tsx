import { useState } from 'react';
import { Alert, Button, Center, EmptyState, Grid, Group, Loader, Paper, Stack, Switch, Title } from '@mantine/core';
import { IconAlertCircle, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { AcksDrawer } from './AcksDrawer.js';
import { AnnouncementCard } from './AnnouncementCard.js';
import { useAnnouncementList } from './announcementsApi.js';
import { ComposeAnnouncement } from './ComposeAnnouncement.js';

/** Managers write announcements and follow who has read each one. */
export function AnnouncementsPage() {
  const { t } = useTranslation();
  const [archived, setArchived] = useState(false);
  const list = useAnnouncementList(archived);
  const [openId, setOpenId] = useState<number | null>(null);
  const open = list.data?.find((a) => a.id === openId) ?? null;

  return (
    <>
      <PageHeader title={t('announcements.title')} description={t('announcements.subtitle')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ComposeAnnouncement />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={4}>{t('announcements.list.title')}</Title>
              <Switch
                size="sm"
                label={t('announcements.list.showArchived')}
                checked={archived}
                onChange={(e) => setArchived(e.currentTarget.checked)}
              />
            </Group>
            {list.isError ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('announcements.list.loadFailed')}>
                {errorMessage(list.error, t)}{' '}
                <Button variant="subtle" size="compact-sm" color="red" onClick={() => void list.refetch()}>
                  {t('common.retry')}
                </Button>
              </Alert>
            ) : list.isPending ? (
              <Center p="xl">
                <Loader size="sm" />
              </Center>
            ) : list.data.length === 0 ? (
              <Paper withBorder radius="lg" p="xl" data-testid="announcements-empty">
                <Center mih={200}>
                  <EmptyState
                    variant="light"
                    size="lg"
                    icon={<IconSpeakerphone size={32} />}
                    title={t('announcements.list.emptyTitle')}
                    description={t('announcements.list.emptyText')}
                    maw={440}
                  />
                </Center>
              </Paper>
            ) : (
              <Stack gap="sm" data-testid="announcements-list">
                {list.data.map((a) => (
                  <AnnouncementCard key={a.id} announcement={a} onOpen={setOpenId} />
                ))}
              </Stack>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <AcksDrawer announcement={open} onClose={() => setOpenId(null)} />
    </>
  );
}
