import type { ReactNode } from 'react';
import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatNumber, formatPercent } from './format.js';
import type { DurationKey, Overview } from './types.js';

const durationCards: readonly DurationKey[] = ['firstResponse', 'queueWait', 'handling', 'resolution'];

function StatCard({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="lg" p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lineClamp={2} title={label} lh={1.3}>
        {label}
      </Text>
      <Text fz={{ base: 20, sm: 24 }} fw={700} mt={4} data-testid={`${testId}-value`} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {hint !== undefined && (
        <Text size="xs" c="dimmed" mt={2} lineClamp={2}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

const grid = { base: 2, sm: 3, lg: 4, xl: 6 };

export function SummaryCardsSkeleton() {
  return (
    <SimpleGrid cols={grid} spacing="sm" mb="md" data-testid="reports-cards-loading">
      {Array.from({ length: 12 }, (_, i) => (
        <Skeleton key={i} h={92} radius="lg" />
      ))}
    </SimpleGrid>
  );
}

export function SummaryCards({ overview }: { overview: Overview }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const { totals, durations, csat } = overview;
  return (
    <SimpleGrid cols={grid} spacing="sm" mb="md" data-testid="reports-cards">
      <StatCard
        testId="card-opened"
        label={t('reports.cards.opened')}
        value={n(totals.ticketsOpened)}
        hint={t('reports.cards.reopened', { count: totals.ticketsReopened })}
      />
      <StatCard testId="card-closed" label={t('reports.cards.closed')} value={n(totals.ticketsClosed)} />
      <StatCard testId="card-pending" label={t('reports.cards.pendingNow')} value={n(totals.pendingNow)} />
      <StatCard testId="card-messages-in" label={t('reports.cards.messagesIn')} value={n(totals.messagesIn)} />
      <StatCard testId="card-messages-out" label={t('reports.cards.messagesOut')} value={n(totals.messagesOut)} />
      <StatCard
        testId="card-bot"
        label={t('reports.cards.botContained')}
        value={formatPercent(totals.botContained, totals.ticketsClosed, i18n.language)}
        hint={t('reports.cards.botContainedHint', { count: totals.botContained, closed: totals.ticketsClosed })}
      />
      {durationCards.map((key) => (
        <StatCard
          key={key}
          testId={`card-${key}`}
          label={t(`reports.cards.${key}`)}
          value={formatDuration(durations[key].p50Ms)}
          hint={`${t('reports.cards.percentiles', { p50: formatDuration(durations[key].p50Ms), p90: formatDuration(durations[key].p90Ms) })} · ${t('reports.cards.measured', { count: durations[key].count })}`}
        />
      ))}
      <StatCard
        testId="card-callbacks"
        label={t('reports.cards.callbacks')}
        value={`${n(totals.callbacksRequested)} / ${n(totals.callbacksDone)}`}
        hint={`${t('reports.cards.callbackDelay')}: ${t('reports.cards.percentiles', {
          p50: formatDuration(durations.callbackDelay.p50Ms),
          p90: formatDuration(durations.callbackDelay.p90Ms),
        })}`}
      />
      <StatCard
        testId="card-csat"
        label={t('reports.cards.csat')}
        value={csat.average === null ? '—' : formatNumber(csat.average, i18n.language, 2)}
        hint={csat.count ? t('reports.cards.csatHint', { count: csat.count }) : t('reports.cards.noAnswers')}
      />
    </SimpleGrid>
  );
}
