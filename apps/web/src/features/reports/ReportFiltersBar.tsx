import { useState } from 'react';
import { Button, Grid, Paper, Select } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import 'dayjs/locale/pt-br';
import { useConnections, useQueues } from '../connections/connectionsApi.js';
import { useTags } from '../tags/tagsApi.js';
import { useAgents } from '../tickets/ticketsApi.js';
import { periods, type Period, type ReportFilters } from './types.js';

/** The API's limit on a custom range (inclusive days). */
const MAX_RANGE_DAYS = 366;
type IdKey = 'queueId' | 'userId' | 'connectionId' | 'tagId';

function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function ReportFiltersBar({ filters, onChange }: { filters: ReportFilters; onChange: (next: ReportFilters) => void }) {
  const { t, i18n } = useTranslation();
  const queues = useQueues();
  const agents = useAgents(true);
  const connections = useConnections();
  const tags = useTags();
  // The picker holds a half-chosen range locally; only a complete, valid range reaches the address bar.
  const [draft, setDraft] = useState<[string | null, string | null] | null>(null);
  const range = draft ?? [filters.from, filters.to];
  const [from, to] = range;
  const tooLong = from !== null && to !== null && spanDays(from, to) > MAX_RANGE_DAYS;

  const setPeriod = (value: string | null) => {
    const period = (value ?? '7d') as Period;
    setDraft(null);
    if (period !== 'custom') return onChange({ ...filters, period, from: null, to: null });
    // Custom starts as the last 7 days, so the page never waits on an empty picker.
    const end = today();
    const start = new Date(Date.parse(`${end}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    onChange({ ...filters, period, from: start, to: end });
  };
  const setRangeValue = (value: [string | null, string | null]) => {
    const [start, end] = value;
    if (start && end && spanDays(start, end) <= MAX_RANGE_DAYS) {
      setDraft(null);
      onChange({ ...filters, period: 'custom', from: start, to: end });
    } else {
      setDraft(value);
    }
  };
  const setId = (key: IdKey) => (value: string | null) => onChange({ ...filters, [key]: value ? Number(value) : null });
  const idValue = (key: IdKey) => (filters[key] === null ? null : String(filters[key]));
  const filtered = filters.queueId !== null || filters.userId !== null || filters.connectionId !== null || filters.tagId !== null;
  const options = <T extends { id: number; name: string }>(items: readonly T[] | undefined) =>
    (items ?? []).map((item) => ({ value: String(item.id), label: item.name }));

  return (
    <Paper withBorder radius="lg" p="md" mb="md" data-testid="reports-filters">
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, xs: 6, md: 'content' }}>
          <Select
            label={t('reports.filters.period')}
            data={periods.map((p) => ({ value: p, label: t(`reports.filters.periods.${p}`) }))}
            value={filters.period}
            onChange={setPeriod}
            allowDeselect={false}
            w={{ md: 160 }}
            data-testid="reports-period"
          />
        </Grid.Col>
        {filters.period === 'custom' && (
          <Grid.Col span={{ base: 12, xs: 6, md: 'content' }}>
            <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'pt-br' }}>
              <DatePickerInput
                type="range"
                label={t('reports.filters.range')}
                placeholder={t('reports.filters.rangePlaceholder')}
                value={range}
                onChange={(value) => setRangeValue([value[0] ? String(value[0]) : null, value[1] ? String(value[1]) : null])}
                valueFormat="DD/MM/YYYY"
                maxDate={today()}
                leftSection={<IconCalendar size={16} />}
                error={tooLong ? `≤ ${MAX_RANGE_DAYS}` : undefined}
                miw={230}
                data-testid="reports-range"
              />
            </DatesProvider>
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 6, md: 'auto' }}>
          <Select
            label={t('reports.filters.queue')}
            placeholder={t('reports.filters.all')}
            clearable
            searchable
            data={options(queues.data)}
            value={idValue('queueId')}
            onChange={setId('queueId')}
            data-testid="reports-queue"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 'auto' }}>
          <Select
            label={t('reports.filters.agent')}
            placeholder={t('reports.filters.allAgents')}
            clearable
            searchable
            data={options(agents.data?.filter((u) => u.active))}
            value={idValue('userId')}
            onChange={setId('userId')}
            data-testid="reports-agent"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 'auto' }}>
          <Select
            label={t('reports.filters.connection')}
            placeholder={t('reports.filters.all')}
            clearable
            searchable
            data={options(connections.data)}
            value={idValue('connectionId')}
            onChange={setId('connectionId')}
            data-testid="reports-connection"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 'auto' }}>
          <Select
            label={t('reports.filters.tag')}
            placeholder={t('reports.filters.all')}
            clearable
            searchable
            data={options(tags.data)}
            value={idValue('tagId')}
            onChange={setId('tagId')}
            data-testid="reports-tag"
          />
        </Grid.Col>
        {filtered && (
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <Button
              variant="subtle"
              leftSection={<IconFilterOff size={16} />}
              onClick={() => onChange({ ...filters, queueId: null, userId: null, connectionId: null, tagId: null })}
            >
              {t('reports.filters.clear')}
            </Button>
          </Grid.Col>
        )}
      </Grid>
    </Paper>
  );
}
