import type { ReactNode } from 'react';
import { AreaChart, BarChart, LineChart, MatrixChart } from '@mantine/charts';
import { Center, Group, Paper, ScrollArea, SimpleGrid, Text, Title, useComputedColorScheme } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { bucketLabel } from './format.js';
import { ExportButtons } from './ExportButtons.js';
import type { Overview, ReportFilters } from './types.js';

function ChartCard(props: { title: string; children: ReactNode; testId: string; actions?: ReactNode; wide?: boolean }) {
  const { title, children, testId, actions, wide } = props;
  return (
    <Paper withBorder radius="lg" p="md" data-testid={testId} style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Group justify="space-between" gap="xs" mb="sm">
        <Title order={3} fz="sm" fw={600}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function NoData() {
  const { t } = useTranslation();
  return (
    <Center h={200}>
      <Text c="dimmed" size="sm" ta="center">
        {t('reports.charts.noData')}
      </Text>
    </Center>
  );
}

const CHART_H = 240;
const Y_LABELS = 34;
const GAP = 2;

export function OverviewCharts({ overview, filters }: { overview: Overview; filters: ReportFilters }) {
  const { t, i18n } = useTranslation();
  const { range, series, csat } = overview;
  const label = (at: string) => bucketLabel(at, range.bucket, range.timeZone, i18n.language);
  const points = series.map((s) => ({ ...s, label: label(s.at) }));
  const anyTickets = series.some((s) => s.opened || s.closed || s.pending);
  const anyMessages = series.some((s) => s.messagesIn || s.messagesOut);
  const distribution = (['1', '2', '3', '4', '5'] as const).map((score) => ({ score, count: csat.distribution[score] ?? 0 }));
  const trend = csat.trend.map((p) => ({ label: label(p.at), average: p.average, count: p.count }));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" mb="md">
      <ChartCard title={t('reports.charts.tickets')} testId="chart-tickets" actions={<ExportButtons table="series" filters={filters} />}>
        {anyTickets ? (
          <AreaChart
            h={CHART_H}
            data={points}
            dataKey="label"
            curveType="monotone"
            withLegend
            fillOpacity={0.15}
            series={[
              { name: 'opened', label: t('reports.charts.opened'), color: 'blue.6' },
              { name: 'closed', label: t('reports.charts.closed'), color: 'teal.6' },
              { name: 'pending', label: t('reports.charts.pending'), color: 'orange.6' },
            ]}
          />
        ) : (
          <NoData />
        )}
      </ChartCard>
      <ChartCard title={t('reports.charts.messages')} testId="chart-messages">
        {anyMessages ? (
          <BarChart
            h={CHART_H}
            data={points}
            dataKey="label"
            withLegend
            series={[
              { name: 'messagesIn', label: t('reports.charts.messagesIn'), color: 'blue.6' },
              { name: 'messagesOut', label: t('reports.charts.messagesOut'), color: 'teal.6' },
            ]}
          />
        ) : (
          <NoData />
        )}
      </ChartCard>
      <ChartCard title={t('reports.charts.csatDistribution')} testId="chart-csat">
        {csat.count ? (
          <BarChart
            h={CHART_H}
            data={distribution}
            dataKey="score"
            series={[{ name: 'count', label: t('reports.charts.answers'), color: 'yellow.6' }]}
          />
        ) : (
          <NoData />
        )}
      </ChartCard>
      <ChartCard title={t('reports.charts.csatTrend')} testId="chart-csat-trend">
        {trend.some((p) => p.average !== null) ? (
          <LineChart
            h={CHART_H}
            data={trend}
            dataKey="label"
            connectNulls
            yAxisProps={{ domain: [1, 5] }}
            series={[{ name: 'average', label: t('reports.charts.average'), color: 'yellow.7' }]}
          />
        ) : (
          <NoData />
        )}
      </ChartCard>
      <HeatmapCard overview={overview} />
    </SimpleGrid>
  );
}

/** Weekday × hour of inbound messages: when the team is needed. Cells carry a spoken label for screen readers. */
function HeatmapCard({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  // Cells sized to the card: 24 hours must fit a phone and still read well on a wide screen.
  const { ref, width } = useElementSize();
  const cellSize = Math.max(9, Math.min(30, Math.floor((width - Y_LABELS) / 24) - GAP));
  // Busier reads as stronger: darker on a light page, brighter on a dark one.
  const dark = useComputedColorScheme('light') === 'dark';
  const colors = dark ? ['blue.9', 'blue.7', 'blue.5', 'blue.3'] : ['blue.2', 'blue.4', 'blue.6', 'blue.8'];
  const short = t('reports.weekdays.short').split(',');
  const long = t('reports.weekdays.long').split(',');
  // Narrow cells cannot fit two-digit labels side by side: every third hour is named, the others get
  // distinct invisible labels (the chart places cells by label, so they must stay unique).
  const hours = Array.from({ length: 24 }, (_, h) => (cellSize < 16 && h % 3 ? '\u200b'.repeat(h) : String(h)));
  const counts = new Map(overview.heatmap.map((c) => [`${c.weekday}:${c.hour}`, c.messagesIn]));
  const data = short.flatMap((day, weekday) => hours.map((x, hour) => ({ x, y: day, value: counts.get(`${weekday}:${hour}`) ?? null })));
  const max = Math.max(1, ...overview.heatmap.map((c) => c.messagesIn));
  const describe = (cell: { x: string; y: string; value: number | null }) =>
    t('reports.charts.heatmapCell', { day: long[short.indexOf(cell.y)] ?? cell.y, hour: hours.indexOf(cell.x), count: cell.value ?? 0 });
  return (
    <ChartCard title={t('reports.charts.heatmap')} testId="chart-heatmap" wide>
      {overview.heatmap.length === 0 ? (
        <NoData />
      ) : (
        <ScrollArea type="auto" offsetScrollbars ref={ref}>
          <MatrixChart
            data={data}
            xLabels={hours}
            yLabels={short}
            withXLabels
            withYLabels
            xLabelsRotation={0}
            xLabelsHeight={20}
            yLabelsWidth={Y_LABELS}
            fontSize={10}
            cellSize={cellSize}
            gap={GAP}
            domain={[1, max]}
            colors={colors}
            emptyColor={dark ? 'dark.5' : 'gray.1'}
            withLegend
            legendLabels={[t('reports.charts.less'), t('reports.charts.more')]}
            withTooltip
            getTooltipLabel={describe}
            getCellProps={(cell) => ({ 'aria-label': describe(cell), role: 'img' })}
            role="group"
            aria-label={t('reports.charts.heatmap')}
          />
        </ScrollArea>
      )}
    </ChartCard>
  );
}
