import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import { useMemo } from 'react';
import { Alert, Box, Button, EmptyState, Tabs, Text } from '@mantine/core';
import { IconActivity, IconAlertCircle, IconChartBar, IconChartHistogram } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { Definitions } from './Definitions.js';
import { LivePanel } from './LivePanel.js';
import { OverviewCharts } from './OverviewCharts.js';
import { RecomputeButton } from './RecomputeButton.js';
import { ReportFiltersBar } from './ReportFiltersBar.js';
import { filtersFromSearch, writeFilters } from './reportFilters.js';
import { AgentsTable, QueuesTable } from './ReportTables.js';
import { useOverview } from './reportsApi.js';
import { SummaryCards, SummaryCardsSkeleton } from './SummaryCards.js';
import { SurveyComments } from './SurveyComments.js';
import type { Overview, ReportFilters } from './types.js';

type View = 'overview' | 'live';

/** Relatórios: the period report (filters in the address bar, so a view can be shared) and the live panel. */
export function ReportsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const view: View = search.get('view') === 'live' ? 'live' : 'overview';
  const overview = useOverview(filters);
  const isAdmin = user.role === 'admin' || user.role === 'super_admin';

  const setFilters = (next: ReportFilters) => setSearch(writeFilters(search, next), { replace: true });
  const setView = (next: string | null) => {
    const params = new URLSearchParams(search);
    if (next === 'live') params.set('view', 'live');
    else params.delete('view');
    setSearch(params, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        description={t('reports.subtitle', { zone: overview.data?.range.timeZone ?? '…' })}
        actions={isAdmin ? <RecomputeButton /> : undefined}
      />
      <Tabs value={view} onChange={setView} keepMounted={false} mb="md">
        <Tabs.List mb="md">
          <Tabs.Tab value="overview" leftSection={<IconChartBar size={16} />} data-testid="reports-tab-overview">
            {t('reports.tabs.overview')}
          </Tabs.Tab>
          <Tabs.Tab value="live" leftSection={<IconActivity size={16} />} data-testid="reports-tab-live">
            {t('reports.tabs.live')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <ReportFiltersBar filters={filters} onChange={setFilters} />
          <OverviewBody
            filters={filters}
            overview={overview.data}
            loading={overview.isPending}
            error={overview.error}
            onRetry={() => void overview.refetch()}
          />
          <AgentsTable filters={filters} />
          <QueuesTable filters={filters} />
          <SurveyComments filters={filters} />
          <Definitions />
        </Tabs.Panel>
        <Tabs.Panel value="live">
          <LivePanel />
          <Box mt="md">
            <Definitions />
          </Box>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function isEmpty(overview: Overview): boolean {
  const { totals } = overview;
  return totals.ticketsOpened + totals.ticketsClosed + totals.pendingNow + totals.messagesIn + totals.messagesOut === 0;
}

function OverviewBody(props: {
  filters: ReportFilters;
  overview: Overview | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (props.loading) return <SummaryCardsSkeleton />;
  if (props.error || !props.overview) {
    return (
      <Alert color="red" icon={<IconAlertCircle size={16} />} title={t('reports.loadFailed')} mb="md">
        <Text size="sm">{errorMessage(props.error, t)}</Text>
        <Button size="xs" variant="light" color="red" mt="xs" onClick={props.onRetry}>
          {t('reports.retry')}
        </Button>
      </Alert>
    );
  }
  if (isEmpty(props.overview)) {
    return (
      <EmptyState
        variant="light"
        size="lg"
        icon={<IconChartHistogram size={32} />}
        title={t('reports.empty.title')}
        description={t('reports.empty.text')}
        mb="md"
        mx="auto"
        maw={560}
        data-testid="reports-empty"
      />
    );
  }
  return (
    <>
      <SummaryCards overview={props.overview} />
      <OverviewCharts overview={props.overview} filters={props.filters} />
    </>
  );
}
