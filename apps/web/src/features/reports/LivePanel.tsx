import { Alert, Badge, Button, ColorSwatch, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatDuration } from './format.js';
import { useLiveReport, useNow } from './reportsApi.js';
import type { LiveReport } from './types.js';

const statusColor = { online: 'teal', away: 'yellow', offline: 'gray' } as const;

/** Who waits and who works, now: refetched on ticket and presence events, the waits tick every second. */
export function LivePanel() {
  const { t, i18n } = useTranslation();
  const live = useLiveReport(true);
  if (live.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" data-testid="live-loading">
        <Skeleton h={260} radius="lg" />
        <Skeleton h={260} radius="lg" />
      </SimpleGrid>
    );
  }
  if (live.error) {
    return (
      <Alert color="red" icon={<IconAlertCircle size={16} />} title={t('reports.loadFailed')}>
        <Text size="sm">{errorMessage(live.error, t)}</Text>
        <Button size="xs" variant="light" color="red" mt="xs" onClick={() => void live.refetch()}>
          {t('reports.retry')}
        </Button>
      </Alert>
    );
  }
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(live.dataUpdatedAt);
  return (
    <Stack gap="sm" data-testid="live-panel">
      <Text size="xs" c="dimmed">
        {t('reports.live.updated', { time })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <WaitingCard queues={live.data.queues} />
        <AgentsCard agents={live.data.agents} />
      </SimpleGrid>
    </Stack>
  );
}

function WaitingCard({ queues }: { queues: LiveReport['queues'] }) {
  const { t } = useTranslation();
  const now = useNow();
  const total = queues.reduce((sum, q) => sum + q.waiting, 0);
  // The "no queue" row only matters when someone is in it.
  const rows = queues.filter((q) => q.queueId !== null || q.waiting > 0);
  return (
    <Paper withBorder radius="lg" p="md" data-testid="live-queues">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md" fw={600}>
          {t('reports.live.waiting')}
        </Title>
        <Badge color={total ? 'orange' : 'teal'} variant="light" data-testid="live-total-waiting">
          {t('reports.live.totalWaiting', { count: total })}
        </Badge>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm" py="md" ta="center">
          {t('reports.live.noQueues')}
        </Text>
      ) : (
        // Fixed layout: a long queue name truncates instead of pushing the table past a phone's width.
        <Table verticalSpacing="xs" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.live.queue')}</Table.Th>
              <Table.Th ta="right" w={72}>
                {t('reports.live.count')}
              </Table.Th>
              <Table.Th ta="right" w={104}>
                {t('reports.live.oldest')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((q) => (
              <Table.Tr key={q.queueId ?? 'none'} data-testid={`live-queue-${q.queueId ?? 'none'}`}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <ColorSwatch color={q.color ?? 'var(--mantine-color-gray-5)'} size={12} withShadow={false} />
                    <Text size="sm" fw={500} truncate style={{ minWidth: 0 }} title={q.name}>
                      {q.queueId === null ? t('reports.filters.noQueue') : q.name}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="right" fw={q.waiting ? 700 : 400} data-testid="live-waiting">
                  {q.waiting}
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} c={q.oldestWaitingSince ? undefined : 'dimmed'}>
                  {q.oldestWaitingSince ? formatDuration(now - Date.parse(q.oldestWaitingSince)) : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rows.length > 0 && total === 0 && (
        <Text c="dimmed" size="xs" mt="xs">
          {t('reports.live.nobodyWaiting')}
        </Text>
      )}
    </Paper>
  );
}

function AgentsCard({ agents }: { agents: LiveReport['agents'] }) {
  const { t } = useTranslation();
  const online = agents.filter((a) => a.status !== 'offline').length;
  return (
    <Paper withBorder radius="lg" p="md" data-testid="live-agents">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md" fw={600}>
          {t('reports.live.agents')}
        </Title>
        <Badge color="teal" variant="light">
          {t('reports.live.onlineCount', { count: online })}
        </Badge>
      </Group>
      {agents.length === 0 ? (
        <Text c="dimmed" size="sm" py="md" ta="center">
          {t('reports.live.noAgents')}
        </Text>
      ) : (
        <Stack gap="xs">
          {agents.map((agent) => {
            const share = agent.capacity ? Math.min(100, (agent.openTickets / agent.capacity) * 100) : null;
            return (
              <Group key={agent.userId} wrap="nowrap" gap="sm" data-testid={`live-agent-${agent.userId}`}>
                <Badge color={statusColor[agent.status]} variant="dot" miw={92} style={{ flexShrink: 0 }}>
                  {t(`reports.live.${agent.status}`)}
                </Badge>
                <Text size="sm" fw={500} truncate style={{ flex: 1, minWidth: 0 }} c={agent.status === 'offline' ? 'dimmed' : undefined}>
                  {agent.name}
                </Text>
                <Stack gap={2} w={120} style={{ flexShrink: 0 }}>
                  <Text size="xs" ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {agent.capacity === null
                      ? t('reports.live.noLimit', { open: agent.openTickets })
                      : t('reports.live.capacity', { open: agent.openTickets, max: agent.capacity })}
                  </Text>
                  {share !== null && (
                    <Progress
                      value={share}
                      size="sm"
                      color={share >= 100 ? 'red' : share >= 75 ? 'orange' : 'teal'}
                      aria-label={t('reports.live.load')}
                    />
                  )}
                </Stack>
              </Group>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
