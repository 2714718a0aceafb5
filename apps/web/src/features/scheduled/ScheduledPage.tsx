import { useState } from 'react';
import { Alert, Button, Center, EmptyState, Grid, Group, Loader, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconClock, IconSearch } from '@tabler/icons-react';
import { scheduledMessageStatuses } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { ScheduledItem } from './ScheduledItem.js';
import { useCompanyTimeZone, useScheduledList, useScheduledRealtime, type ScheduledStatus } from './scheduledApi.js';
import { useScheduleEditor } from './useScheduleEditor.js';
import { zonedToIso } from './zonedTime.js';

const SEARCH_DEBOUNCE_MS = 300;

/** Every scheduled message the user may see, filtered by status, send date (company zone) and contact. */
export function ScheduledPage() {
  const { t } = useTranslation();
  const zone = useCompanyTimeZone();
  const [status, setStatus] = useState<ScheduledStatus | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const filtered = Boolean(status || from || to || q);
  const list = useScheduledList({
    status: status ?? undefined,
    q: q || undefined,
    from: from ? zonedToIso(from, '00:00', zone) : undefined,
    to: to ? zonedToIso(to, '23:59', zone) : undefined,
  });
  const { edit, editor } = useScheduleEditor();
  useScheduledRealtime();

  const clear = () => {
    setStatus(null);
    setFrom('');
    setTo('');
    setSearch('');
  };

  return (
    <>
      <PageHeader title={t('scheduled.title')} description={t('scheduled.subtitle')} />
      <Paper withBorder radius="lg" p="md" mb="md">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select
              label={t('scheduled.filters.status')}
              placeholder={t('scheduled.filters.all')}
              clearable
              data={scheduledMessageStatuses.map((s) => ({ value: s, label: t(`scheduled.status.${s}`) }))}
              value={status}
              onChange={(v) => setStatus(v)}
              data-testid="scheduled-filter-status"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <TextInput type="date" label={t('scheduled.filters.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <TextInput type="date" label={t('scheduled.filters.to')} value={to} min={from} onChange={(e) => setTo(e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <TextInput
              label={t('scheduled.filters.contact')}
              leftSection={<IconSearch size={16} />}
              rightSection={list.isFetching && !list.isPending ? <Loader size={14} /> : null}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-testid="scheduled-filter-q"
            />
          </Grid.Col>
        </Grid>
        {filtered && (
          <Group justify="flex-end" mt="xs">
            <Button variant="subtle" size="compact-sm" onClick={clear}>
              {t('scheduled.filters.clear')}
            </Button>
          </Group>
        )}
      </Paper>
      {list.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('scheduled.list.loadFailed')}>
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
        <Paper withBorder radius="lg" p="xl" data-testid="scheduled-empty">
          <Center mih={220}>
            <EmptyState
              variant="light"
              size="lg"
              icon={<IconClock size={32} />}
              title={t('scheduled.list.emptyTitle')}
              description={filtered ? t('scheduled.list.noMatch') : t('scheduled.list.emptyText')}
              maw={480}
            />
          </Center>
        </Paper>
      ) : (
        <Stack gap="sm" data-testid="scheduled-list">
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            {list.data.map((item) => (
              <ScheduledItem key={item.id} item={item} zone={zone} showContact onEdit={edit} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      {editor}
    </>
  );
}
