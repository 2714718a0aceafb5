import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from './ExportButtons.js';
import { formatDuration, formatNumber } from './format.js';
import { useAgentsReport, useQueuesReport } from './reportsApi.js';
import { TableCard } from './TableCard.js';
import type { ReportFilters } from './types.js';

const num = { style: { fontVariantNumeric: 'tabular-nums' }, ta: 'right' } as const;

function Csat({ average, count }: { average: number | null; count: number }) {
  const { i18n } = useTranslation();
  if (average === null) return <>—</>;
  return (
    <>
      {formatNumber(average, i18n.language, 2)}{' '}
      <Text span c="dimmed" size="xs">
        ({count})
      </Text>
    </>
  );
}

export function AgentsTable({ filters }: { filters: ReportFilters }) {
  const { t, i18n } = useTranslation();
  const agents = useAgentsReport(filters);
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <TableCard
      title={t('reports.agents.title')}
      testId="reports-agents"
      actions={<ExportButtons table="agents" filters={filters} />}
      loading={agents.isPending}
      error={agents.error}
      onRetry={() => void agents.refetch()}
      empty={(agents.data ?? []).length === 0}
      emptyText={t('reports.agents.empty')}
    >
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.agents.name')}</Table.Th>
              <Table.Th ta="right">{t('reports.agents.tickets')}</Table.Th>
              <Table.Th ta="right">{t('reports.agents.frt')}</Table.Th>
              <Table.Th ta="right">{t('reports.agents.handling')}</Table.Th>
              <Table.Th ta="right">{t('reports.agents.csat')}</Table.Th>
              <Table.Th ta="right">{t('reports.agents.online')}</Table.Th>
              <Table.Th ta="right">{t('reports.agents.messages')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(agents.data ?? []).map((row) => (
              <Table.Tr key={row.userId} data-testid={`reports-agent-${row.userId}`}>
                <Table.Td fw={500}>{row.name}</Table.Td>
                <Table.Td {...num}>
                  {n(row.ticketsClosed)} / {n(row.ticketsAssigned)}
                </Table.Td>
                <Table.Td {...num}>{formatDuration(row.firstResponse.p50Ms)}</Table.Td>
                <Table.Td {...num}>{formatDuration(row.handling.p50Ms)}</Table.Td>
                <Table.Td {...num}>
                  <Csat average={row.csatAverage} count={row.csatCount} />
                </Table.Td>
                <Table.Td {...num}>{formatDuration(row.onlineSeconds * 1000)}</Table.Td>
                <Table.Td {...num}>{n(row.messagesOut)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </TableCard>
  );
}

export function QueuesTable({ filters }: { filters: ReportFilters }) {
  const { t, i18n } = useTranslation();
  const queues = useQueuesReport(filters);
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <TableCard
      title={t('reports.queues.title')}
      testId="reports-queues"
      actions={<ExportButtons table="queues" filters={filters} />}
      loading={queues.isPending}
      error={queues.error}
      onRetry={() => void queues.refetch()}
      empty={(queues.data ?? []).length === 0}
      emptyText={t('reports.queues.empty')}
    >
      <Table.ScrollContainer minWidth={680}>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.queues.name')}</Table.Th>
              <Table.Th ta="right">{t('reports.queues.tickets')}</Table.Th>
              <Table.Th ta="right">{t('reports.queues.wait')}</Table.Th>
              <Table.Th ta="right">{t('reports.queues.frt')}</Table.Th>
              <Table.Th ta="right">{t('reports.queues.resolution')}</Table.Th>
              <Table.Th ta="right">{t('reports.queues.csat')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(queues.data ?? []).map((row) => (
              <Table.Tr key={row.queueId ?? 'none'} data-testid={`reports-queue-${row.queueId ?? 'none'}`}>
                <Table.Td fw={500}>{row.queueId === null ? t('reports.filters.noQueue') : row.name}</Table.Td>
                <Table.Td {...num}>
                  {n(row.ticketsOpened)} / {n(row.ticketsClosed)}
                </Table.Td>
                <Table.Td {...num}>{formatDuration(row.queueWait.p50Ms)}</Table.Td>
                <Table.Td {...num}>{formatDuration(row.firstResponse.p50Ms)}</Table.Td>
                <Table.Td {...num}>{formatDuration(row.resolution.p50Ms)}</Table.Td>
                <Table.Td {...num}>
                  <Csat average={row.csatAverage} count={row.csatCount} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </TableCard>
  );
}
