import { Badge, Code, Collapse, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { FlowRun } from '@jimmy/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { flowRunsPtBR } from './i18n.js';
import { stepDisplay, type EffectChip, type LogLevel } from './stepDisplay.js';

export interface Names {
  queue: (id: string) => string;
  user: (id: string) => string;
  /** The block's name ("Menu"), or null when the graph is not loaded or the block is gone. */
  node: (id: string) => string | null;
}

type Copy = typeof flowRunsPtBR;
const levelColor: Record<LogLevel, string> = { info: 'gray', warn: 'orange', error: 'red' };
const chipColor: Record<string, string> = { transfer: 'brand', end: 'gray', httpRequest: 'cyan', aiRequest: 'grape', closeTicket: 'red' };
const knows = <T extends object>(dict: T, key: string): key is Extract<keyof T, string> => key in dict;
// Only for the `in` checks above: the keys, not the words.
const eventKeys: Record<keyof Copy['event'], true> = { start: true, reply: true, timeout: true, effectResult: true };
const effectKeys: Record<keyof Copy['effect'], true> = {
  sendText: true,
  sendMedia: true,
  sendMenu: true,
  setTag: true,
  removeTag: true,
  setContactField: true,
  setVariable: true,
  transfer: true,
  closeTicket: true,
  startSurvey: true,
  httpRequest: true,
  aiRequest: true,
  scheduleTimeout: true,
  goToFlow: true,
  end: true,
};
const reasonKeys: Record<keyof Copy['endReason'], true> = {
  completed: true,
  transfer: true,
  closed: true,
  goToFlow: true,
  loop: true,
  error: true,
  takeover: true,
  'ticket-closed': true,
};

/** One stored step: what happened, the blocks it went through, what the bot did. All text is rendered as text. */
export function FlowStepItem({ step, names }: { step: FlowRun['steps'][number]; names: Names }) {
  const { t, i18n } = useTranslation();
  const display = stepDisplay(step);
  const chipText = (chip: EffectChip): string => {
    const label = knows(effectKeys, chip.type) ? t(`flowRuns.effect.${chip.type}`) : chip.type;
    const parts = [chip.detail];
    if (chip.queueId) parts.push(t('flowRuns.queue', { name: names.queue(chip.queueId) }));
    if (chip.agentId) parts.push(t('flowRuns.agent', { name: names.user(chip.agentId) }));
    if (chip.survey) parts.push(t('flowRuns.withSurvey'));
    if (chip.reason) parts.push(knows(reasonKeys, chip.reason) ? t(`flowRuns.endReason.${chip.reason}`) : chip.reason);
    const detail = parts.filter(Boolean).join(' · ');
    return detail ? `${label}: ${detail}` : label;
  };
  const time = new Date(step.createdAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  return (
    <Stack gap={6}>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text size="sm" fw={600} data-testid="flow-step-event">
          {knows(eventKeys, display.event) ? t(`flowRuns.event.${display.event}`) : display.event}
        </Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {time}
        </Text>
      </Group>
      {display.customerText && (
        <Text size="sm" fs="italic" style={{ overflowWrap: 'anywhere' }} data-testid="flow-step-text">
          “{display.customerText}”{display.choiceId && ` (${t('flowRuns.choice', { id: display.choiceId })})`}
        </Text>
      )}
      {display.resultOk !== null && (
        <Text size="xs" c={display.resultOk ? 'teal' : 'red'}>
          {display.resultOk ? t('flowRuns.resultOk') : t('flowRuns.resultError', { error: display.resultError ?? '—' })}
        </Text>
      )}
      <Group gap={4} data-testid="flow-step-nodes">
        <Text size="xs" c="dimmed">
          {t('flowRuns.nodes')}:
        </Text>
        {display.nodeIds.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('flowRuns.noNodes')}
          </Text>
        ) : (
          display.nodeIds.map((id, index) => {
            const label = names.node(id);
            return (
              <Code key={`${id}-${index}`} fz="xs" title={id} data-node-id={id}>
                {label ? `${label} · ${id}` : id}
              </Code>
            );
          })
        )}
      </Group>
      {display.chips.length > 0 && (
        <Group gap={4}>
          {display.chips.map((chip, index) => (
            <Badge
              key={index}
              size="sm"
              variant="light"
              color={chipColor[chip.type] ?? 'violet'}
              tt="none"
              maw="100%"
              title={chipText(chip)}
              data-testid="flow-step-effect"
              data-type={chip.type}
            >
              {chipText(chip)}
            </Badge>
          ))}
        </Group>
      )}
      {display.logs.map((line, index) => (
        <Text key={index} size="xs" c={levelColor[line.level]} data-testid="flow-step-log" data-level={line.level}>
          {line.nodeId ? `[${line.nodeId}] ` : ''}
          {line.message}
        </Text>
      ))}
      {display.variables.length > 0 && (
        <Fold label={t('flowRuns.variables', { count: display.variables.length })} testId="flow-step-variables">
          <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={2}>
            <Table.Tbody>
              {display.variables.map(([name, value]) => (
                <Table.Tr key={name}>
                  <Table.Td>
                    <Code fz="xs">{name}</Code>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Fold>
      )}
      {display.trace.length > 0 && (
        <Fold label={t('flowRuns.trace', { count: display.trace.length })} testId="flow-step-trace">
          <Stack gap={2}>
            {display.trace.map((line, index) => (
              <Text key={index} size="xs" c={levelColor[line.level]} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {line.nodeId ? `[${line.nodeId}] ` : ''}
                {line.message}
              </Text>
            ))}
          </Stack>
        </Fold>
      )}
    </Stack>
  );
}

function Fold({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  const [opened, { toggle }] = useDisclosure(false);
  const Icon = opened ? IconChevronDown : IconChevronRight;
  return (
    <div>
      <UnstyledButton onClick={toggle} aria-expanded={opened} data-testid={testId}>
        <Group gap={4}>
          <Icon size={14} />
          <Text size="xs" c="dimmed">
            {label}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={opened}>{children}</Collapse>
    </div>
  );
}
