import { useState, type ReactNode } from 'react';
import { Box, Button, Code, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import {
  IconAlertTriangle,
  IconApi,
  IconArrowForwardUp,
  IconArrowsExchange,
  IconCircleCheck,
  IconClock,
  IconFlag,
  IconInfoCircle,
  IconRepeat,
  IconSparkles,
  IconStar,
  IconTag,
  IconTagOff,
  IconUserEdit,
  IconVariable,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { durationParts } from './transcript.js';
import type { EventEffect } from './transcript.js';
import type { Names } from './useNameLookups.js';

const nameOf = (names: Record<string, string> | undefined, id: string): string => names?.[id] ?? id;

type NodeLabel = (nodeId: string | null) => string | null;

/** The engine logs in English for operators; the lines a flow author meets are translated here. */
function logText(message: string, t: TFunction, nodeLabel: NodeLabel): string {
  const loop = /^step budget of (\d+) nodes exhausted at node (.+?): /.exec(message);
  if (loop) return t('flowSimulator.logs.loop', { budget: loop[1], node: nodeLabel(loop[2] ?? null) ?? loop[2] });
  const http = /^HTTP request failed: (.*)$/s.exec(message);
  if (http) return t('flowSimulator.logs.http', { reason: http[1] });
  const ai = /^AI request failed: (.*)$/s.exec(message);
  if (ai) return t('flowSimulator.logs.ai', { reason: ai[1] === 'empty answer' ? t('flowSimulator.logs.emptyAnswer') : ai[1] });
  if (/^no working hours for queue /.test(message)) return t('flowSimulator.logs.queueHours');
  return t('flowSimulator.events.log', { message });
}

function label(effect: EventEffect, t: TFunction, names: Names, nodeLabel: NodeLabel): string {
  switch (effect.type) {
    case 'setTag':
    case 'removeTag':
      return t(`flowSimulator.events.${effect.type}`, { tag: effect.tag });
    case 'setContactField':
      return t('flowSimulator.events.setContactField', { field: effect.field, value: effect.value || t('flowSimulator.variables.empty') });
    case 'setVariable':
      return t('flowSimulator.events.setVariable', { name: effect.name, value: effect.value || t('flowSimulator.variables.empty') });
    case 'transfer': {
      const queue = effect.queueId === undefined ? null : nameOf(names.queues, effect.queueId);
      const agent = effect.agentId === undefined ? null : nameOf(names.users, effect.agentId);
      if (queue !== null && agent !== null) return t('flowSimulator.events.transferBoth', { queue, agent });
      return t('flowSimulator.events.transfer', { target: queue ?? agent ?? '' });
    }
    case 'closeTicket':
      return effect.survey ? t('flowSimulator.events.closeTicketSurvey') : t('flowSimulator.events.closeTicket');
    case 'startSurvey':
      return t('flowSimulator.events.startSurvey');
    case 'goToFlow':
      return t('flowSimulator.events.goToFlow', { flow: nameOf(names.flows, effect.flowId) });
    case 'httpRequest':
      return t('flowSimulator.events.httpRequest', { method: effect.method, url: effect.url });
    case 'aiRequest':
      return t('flowSimulator.events.aiRequest');
    case 'scheduleTimeout': {
      const { unit, count } = durationParts(effect.delayMs);
      return t('flowSimulator.events.scheduleTimeout', { duration: t(`flowSimulator.duration.${unit}`, { count }) });
    }
    case 'log':
      return logText(effect.message, t, nodeLabel);
    case 'end':
      return t(`flowSimulator.events.end.${effect.reason}`);
  }
}

const ICONS: Record<EventEffect['type'], typeof IconTag> = {
  setTag: IconTag,
  removeTag: IconTagOff,
  setContactField: IconUserEdit,
  setVariable: IconVariable,
  transfer: IconArrowsExchange,
  closeTicket: IconCircleCheck,
  startSurvey: IconStar,
  goToFlow: IconArrowForwardUp,
  httpRequest: IconApi,
  aiRequest: IconSparkles,
  scheduleTimeout: IconClock,
  log: IconInfoCircle,
  end: IconFlag,
};

function color(effect: EventEffect): string {
  switch (effect.type) {
    case 'setTag':
    case 'removeTag':
      return 'blue';
    case 'transfer':
    case 'goToFlow':
      return 'grape';
    case 'closeTicket':
    case 'startSurvey':
      return 'teal';
    case 'httpRequest':
    case 'aiRequest':
      return 'cyan';
    case 'scheduleTimeout':
      return 'orange';
    case 'log':
      return effect.level === 'error' ? 'red' : effect.level === 'warn' ? 'yellow' : 'gray';
    case 'end':
      return effect.reason === 'loop' || effect.reason === 'error' ? 'red' : 'gray';
    default:
      return 'gray';
  }
}

/** The pill every non-message item uses: centred, small, coloured by what happened. */
export function ChipFrame(props: { color: string; icon: ReactNode; testId: string; type: string; children: ReactNode }) {
  return (
    <Group justify="center" px="xs" py={2} data-testid={props.testId} data-type={props.type}>
      <Paper
        px={10}
        py={4}
        radius="lg"
        maw="100%"
        style={{
          background: `var(--mantine-color-${props.color}-light)`,
          border: `1px solid var(--mantine-color-${props.color}-outline)`,
        }}
      >
        <Group gap={6} wrap="nowrap" align="flex-start">
          <Box c={`${props.color}.7`} mt={2} style={{ flexShrink: 0, display: 'flex' }}>
            {props.icon}
          </Box>
          <Box style={{ minWidth: 0 }}>{props.children}</Box>
        </Group>
      </Paper>
    </Group>
  );
}

function Details({ effect }: { effect: EventEffect }) {
  const { t } = useTranslation();
  if (effect.type === 'httpRequest') {
    const headers = Object.entries(effect.headers);
    return (
      <Stack gap={4} mt={4}>
        {headers.length > 0 && (
          <Code block fz={11}>
            {headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
          </Code>
        )}
        {effect.body !== undefined && (
          <Box>
            <Text size="xs" fw={600}>
              {t('flowSimulator.events.body')}
            </Text>
            <Code block fz={11}>
              {effect.body}
            </Code>
          </Box>
        )}
      </Stack>
    );
  }
  if (effect.type === 'aiRequest') {
    return (
      <Stack gap={4} mt={4}>
        <Text size="xs" fw={600}>
          {t('flowSimulator.events.systemPrompt')}
        </Text>
        <Code block fz={11}>
          {effect.systemPrompt}
        </Code>
        <Text size="xs" fw={600}>
          {t('flowSimulator.events.question')}
        </Text>
        <Code block fz={11}>
          {effect.messages.map((message) => message.content).join('\n')}
        </Code>
      </Stack>
    );
  }
  return null;
}

interface Props {
  effect: EventEffect;
  names: Names;
  /** Set on the timer chip the session is still waiting for: shows "Disparar agora". */
  onFire?: (() => void) | undefined;
  nodeLabel: NodeLabel;
}

export function SimEventChip({ effect, names, onFire, nodeLabel }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const tone = color(effect);
  const loop = effect.type === 'end' && effect.reason === 'loop';
  const Icon = loop ? IconRepeat : effect.type === 'log' && effect.level !== 'info' ? IconAlertTriangle : ICONS[effect.type];
  const expandable = effect.type === 'httpRequest' || effect.type === 'aiRequest';
  const text = (
    <Text size="xs" fw={500} style={{ overflowWrap: 'anywhere' }} lineClamp={open ? undefined : 3}>
      {label(effect, t, names, nodeLabel)}
    </Text>
  );
  return (
    <ChipFrame color={tone} icon={<Icon size={14} />} testId="sim-event" type={effect.type}>
      {expandable ? (
        <UnstyledButton onClick={() => setOpen((value) => !value)} aria-expanded={open}>
          {text}
        </UnstyledButton>
      ) : (
        text
      )}
      {open && <Details effect={effect} />}
      {loop && (
        <Text size="xs" c="red.8" mt={2}>
          {t('flowSimulator.events.loopHelp')}
        </Text>
      )}
      {onFire && (
        <Button size="compact-xs" variant="filled" color={tone} mt={4} onClick={onFire} data-testid="sim-timeout-fire">
          {t('flowSimulator.timeout.fire')}
        </Button>
      )}
    </ChipFrame>
  );
}
