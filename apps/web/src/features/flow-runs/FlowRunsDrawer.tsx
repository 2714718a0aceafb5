import { Alert, Anchor, Badge, Center, Drawer, Group, Loader, Paper, Stack, Text, Timeline } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { FlowRun, Ticket } from '@jimmy/contracts';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useQueues } from '../connections/index.js';
import { useFlowRuns, useNodeLabels, useUsers } from './flowRunsApi.js';
import { FlowStepItem, type Names } from './FlowStepItem.js';
import type { flowRunsPtBR } from './i18n.js';

type EndReason = keyof typeof flowRunsPtBR.endReason;
const endColor: Record<string, string> = { completed: 'teal', transfer: 'brand', closed: 'gray', error: 'red', loop: 'orange' };

interface Props {
  ticket: Ticket;
  opened: boolean;
  onClose: () => void;
}

export function FlowRunsDrawer({ ticket, opened, onClose }: Props) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const runs = useFlowRuns(ticket.id, ticket.updatedAt, opened);
  const queues = useQueues();
  const users = useUsers(opened);
  const names: Omit<Names, 'node'> = {
    queue: (id) => queues.data?.find((queue) => String(queue.id) === id)?.name ?? `#${id}`,
    user: (id) => users.data?.find((user) => String(user.id) === id)?.name ?? `#${id}`,
  };
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position={phone ? 'bottom' : 'right'}
      size={phone ? '100%' : 'lg'}
      title={t('flowRuns.title')}
    >
      <Stack gap="md" data-testid="flow-runs-drawer" data-state={runs.isPending ? 'loading' : 'ready'}>
        {runs.isPending ? (
          <Center mih={120}>
            <Loader size="sm" />
          </Center>
        ) : runs.isError ? (
          <Alert color="red" variant="light" title={t('flowRuns.loadFailed')}>
            {errorMessage(runs.error, t)}
          </Alert>
        ) : runs.data.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="flow-runs-empty">
            {t('flowRuns.empty')}
          </Text>
        ) : (
          runs.data.map((run) => <RunCard key={run.sessionId} run={run} names={names} />)
        )}
      </Stack>
    </Drawer>
  );
}

function RunCard({ run, names: known }: { run: FlowRun; names: Omit<Names, 'node'> }) {
  const { t, i18n } = useTranslation();
  const names: Names = { ...known, node: useNodeLabels(run.flowId, true, i18n.language) };
  const reason = run.endReason;
  return (
    <Paper withBorder radius="md" p="sm" data-testid={`flow-run-${run.sessionId}`} data-end-reason={reason ?? 'running'}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap={6} style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/flows/${run.flowId}`} fw={600} truncate="end" data-testid="flow-run-flow-link">
              {run.flowName}
            </Anchor>
            <Badge size="xs" variant="light" color="gray">
              {t('flowRuns.version', { version: run.version })}
            </Badge>
          </Group>
          <Badge
            size="sm"
            variant="light"
            color={reason === null ? 'violet' : (endColor[reason] ?? 'gray')}
            style={{ flexShrink: 0 }}
            data-testid="flow-run-end"
          >
            {reason === null ? t('flowRuns.running') : reason in endReasonKeys ? t(`flowRuns.endReason.${reason as EndReason}`) : reason}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('flowRuns.started', { when: formatDateTime(run.startedAt, i18n.language) })}
          {run.endedAt && ` · ${t('flowRuns.ended', { when: formatDateTime(run.endedAt, i18n.language) })}`}
          {` · ${t('flowRuns.steps', { count: run.steps.length })}`}
        </Text>
        {run.steps.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('flowRuns.noSteps')}
          </Text>
        ) : (
          <Timeline bulletSize={12} lineWidth={2} mt="xs">
            {run.steps.map((step) => (
              <Timeline.Item key={step.id} data-testid={`flow-step-${step.id}`} data-event={step.event}>
                <FlowStepItem step={step} names={names} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Paper>
  );
}

// The keys the view knows how to say; any other reason (a newer server) shows as stored.
const endReasonKeys: Record<EndReason, true> = {
  completed: true,
  transfer: true,
  closed: true,
  goToFlow: true,
  loop: true,
  error: true,
  takeover: true,
  'ticket-closed': true,
};
