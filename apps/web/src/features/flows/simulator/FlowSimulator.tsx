import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Center,
  Group,
  List,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconPlayerPlay, IconRefresh, IconSend } from '@tabler/icons-react';
import { NODES } from '@jimmy/flow-engine';
import type { FlowGraph, FlowProblem, NodeType } from '@jimmy/flow-engine';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n/index.js';
import {
  answerRequest,
  awaiting,
  canStepBack,
  createSimulation,
  editContact,
  fireTimeout,
  mockResponseTemplate,
  restart,
  sendCustomerMessage,
  setHours,
  startConversation,
  stepBack,
  updateDraft,
} from './simulation.js';
import type { SimEnv, Simulation } from './simulation.js';
import { SimRequestPanel } from './SimRequestPanel.js';
import { SimTranscript } from './SimTranscript.js';
import { SimVariables } from './SimVariables.js';
import { useNameLookups } from './useNameLookups.js';
import type { NameLookups } from './useNameLookups.js';

interface Props {
  /** The builder's current draft; edits reach a running simulation at its next step. */
  graph: FlowGraph;
  /** Called after every step with the node the session is at (null before the start), to highlight it. */
  onActiveNodeChange: (nodeId: string | null) => void;
  /** Readable names for queue, agent, tag and flow ids in events; fetched from the console when absent. */
  names?: NameLookups;
  /** The company's IANA time zone (dates and "now" variables); the browser's when absent. */
  timeZone?: string;
}

const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/Sao_Paulo';

// Positions change on every drag: only what a step reads decides whether the flow changed.
const semanticKey = (graph: FlowGraph): string =>
  JSON.stringify([graph.nodes.map((node) => [node.id, node.type, node.data]), graph.edges, graph.variables]);

/** Only problems that stop a run reach this list (see compileFlow); each in the user's language. */
function problemText(problem: FlowProblem, t: TFunction): string {
  switch (problem.code) {
    case 'invalidGraph':
    case 'missingStart':
    case 'multipleStarts':
    case 'duplicateId':
    case 'unknownType':
      return t(`flowSimulator.problems.${problem.code}`);
    case 'invalidField':
      return t('flowSimulator.problems.invalidField', { field: problem.path || '—' });
    default:
      return problem.message;
  }
}

const isNodeType = (type: string): type is NodeType => Object.hasOwn(NODES, type);

export function FlowSimulator({ graph, onActiveNodeChange, names: givenNames, timeZone }: Props) {
  const { t } = useTranslation();
  const names = useNameLookups(givenNames);
  const env = useMemo<SimEnv>(() => ({ now: Date.now, random: Math.random, timeZone: timeZone ?? BROWSER_TIME_ZONE }), [timeZone]);
  const draftKey = useMemo(() => semanticKey(graph), [graph]);
  const [sim, setSim] = useState<Simulation>(() =>
    createSimulation(graph, { contact: { fields: { name: t('flowSimulator.sampleName'), phone: '+5511999990000' }, tags: [] } }),
  );
  const [text, setText] = useState('');
  const [variablesOpen, setVariablesOpen] = useState(false);
  const hoursLabelId = useId();
  const viewport = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  const seenKey = useRef(draftKey);
  useEffect(() => {
    if (seenKey.current === draftKey) return;
    seenKey.current = draftKey;
    setSim((current) => updateDraft(current, graph));
  }, [draftKey, graph]);

  // A ref, so a new callback identity from the builder does not count as a step.
  const notify = useRef(onActiveNodeChange);
  useEffect(() => {
    notify.current = onActiveNodeChange;
  });
  const snapshot = sim.current;
  const activeNode = sim.flow ? snapshot.session.nodeId : null;
  // Every step (even one that stays on the same node) tells the builder, which may have lost focus.
  useEffect(() => {
    notify.current(activeNode);
  }, [activeNode, snapshot]);
  useEffect(
    () => () => {
      notify.current(null);
    },
    [],
  );

  const items = sim.current.transcript;
  const state = awaiting(sim);
  // After layout: the request panel opening below shrinks the transcript after the items change.
  useEffect(() => {
    const frame = requestAnimationFrame(() => viewport.current?.scrollTo({ top: viewport.current.scrollHeight, behavior: 'smooth' }));
    return () => cancelAnimationFrame(frame);
  }, [items.length, state.kind, variablesOpen]);

  const language = currentLanguage();
  const nodeLabel = (nodeId: string | null): string | null => {
    const node = nodeId === null ? undefined : graph.nodes.find((candidate) => candidate.id === nodeId);
    if (!node) return null;
    return isNodeType(node.type) ? `${NODES[node.type].editor.label[language]} (${node.id})` : node.id;
  };

  const send = () => {
    if (text.trim() === '') return;
    setSim((current) => sendCustomerMessage(current, text, env));
    setText('');
    input.current?.focus();
  };

  const pending =
    state.kind === 'request'
      ? items.findLast(
          (item) =>
            item.kind === 'event' &&
            (item.effect.type === 'httpRequest' || item.effect.type === 'aiRequest') &&
            item.effect.requestId === state.requestId,
        )
      : undefined;
  const pendingEffect =
    pending?.kind === 'event' && (pending.effect.type === 'httpRequest' || pending.effect.type === 'aiRequest') ? pending.effect : null;
  const timeoutToken = state.kind === 'timeout' ? state.token : state.kind === 'reply' ? state.timeoutToken : null;
  const statusKey = state.kind === 'start' ? 'new' : state.kind;

  return (
    <Stack gap={0} h="100%" mih={0} data-testid="flow-simulator" data-status={statusKey}>
      <Group justify="space-between" wrap="nowrap" px="xs" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {t('flowSimulator.title')}
          </Text>
          <Badge
            size="xs"
            variant="light"
            color={state.kind === 'ended' || state.kind === 'invalid' ? 'gray' : 'brand'}
            tt="none"
            data-testid="sim-status"
          >
            {t(`flowSimulator.status.${statusKey}`)}
          </Badge>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('flowSimulator.stepBack')}>
            <ActionIcon
              variant="default"
              aria-label={t('flowSimulator.stepBack')}
              disabled={!canStepBack(sim)}
              onClick={() => setSim(stepBack)}
              data-testid="sim-back"
            >
              <IconArrowBackUp size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('flowSimulator.restart')}>
            <ActionIcon variant="default" aria-label={t('flowSimulator.restart')} onClick={() => setSim(restart)} data-testid="sim-restart">
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>

      <Group gap={6} wrap="nowrap" px="xs" py={6}>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} id={hoursLabelId}>
          {t('flowSimulator.hours.label')}
        </Text>
        <SegmentedControl
          size="xs"
          style={{ flex: 1 }}
          aria-labelledby={hoursLabelId}
          value={sim.hours}
          onChange={(value) => setSim((current) => setHours(current, value))}
          data={(['open', 'break', 'closed'] as const).map((value) => ({ value, label: t(`flowSimulator.hours.${value}`) }))}
          data-testid="sim-hours"
        />
      </Group>

      {sim.problems.length > 0 && (
        <Alert
          color="red"
          mx="xs"
          p="xs"
          icon={<IconAlertTriangle size={16} />}
          title={t('flowSimulator.invalidTitle')}
          data-testid="sim-invalid"
        >
          <Text size="xs">{t('flowSimulator.invalidText')}</Text>
          <List size="xs" mt={4} spacing={2}>
            {sim.problems.map((problem, index) => (
              <List.Item key={`${problem.nodeId ?? ''}-${problem.path ?? ''}-${index}`}>
                <Text
                  span
                  size="xs"
                  style={{
                    cursor: problem.nodeId ? 'pointer' : undefined,
                    textDecoration: problem.nodeId ? 'underline dotted' : undefined,
                  }}
                  onClick={() => problem.nodeId && onActiveNodeChange(problem.nodeId)}
                >
                  {[nodeLabel(problem.nodeId), problemText(problem, t)].filter(Boolean).join(' › ')}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {sim.warnings.length > 0 && (
        <Text size="xs" c="orange.8" px="xs" pb={4} data-testid="sim-warnings">
          {t('flowSimulator.warnings', { count: sim.warnings.length })}
        </Text>
      )}

      <ScrollArea style={{ flex: 1, minHeight: 0 }} viewportRef={viewport} type="auto">
        {state.kind === 'start' && items.length === 0 ? (
          <Center p="md" mih={200}>
            <Stack gap="xs" align="center" maw={300}>
              <Text fw={600} ta="center">
                {t('flowSimulator.emptyTitle')}
              </Text>
              <Text size="sm" c="dimmed" ta="center">
                {t('flowSimulator.emptyText')}
              </Text>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlayerPlay size={14} />}
                onClick={() => setSim((current) => startConversation(current, env))}
                data-testid="sim-start"
              >
                {t('flowSimulator.startWithout')}
              </Button>
            </Stack>
          </Center>
        ) : (
          <SimTranscript
            items={items}
            names={names}
            activeMenuNodeId={state.kind === 'reply' ? state.menuNodeId : null}
            timeoutToken={timeoutToken}
            onOption={(option) => setSim((current) => sendCustomerMessage(current, option.label, env, option.id))}
            onFire={() => setSim((current) => fireTimeout(current, env))}
            nodeLabel={nodeLabel}
          />
        )}
        {state.kind === 'ended' && (
          <Center pb="sm">
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconRefresh size={14} />}
              onClick={() => setSim(restart)}
              data-testid="sim-restart-end"
            >
              {t('flowSimulator.restart')}
            </Button>
          </Center>
        )}
      </ScrollArea>

      {state.kind === 'request' && pendingEffect && (
        <SimRequestPanel
          key={state.requestId}
          effect={pendingEffect}
          template={mockResponseTemplate(sim)}
          onResult={(result, via) => setSim((current) => answerRequest(current, state.requestId, result, via, env))}
        />
      )}

      <Box px="xs" py={6} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Group gap={6} wrap="nowrap">
          <TextInput
            ref={input}
            style={{ flex: 1 }}
            size="sm"
            placeholder={t('flowSimulator.placeholder')}
            aria-label={t('flowSimulator.placeholder')}
            value={text}
            disabled={state.kind === 'invalid'}
            onChange={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
                event.preventDefault();
                send();
              }
            }}
            maxLength={4096}
            data-testid="sim-input"
          />
          <ActionIcon
            size="lg"
            aria-label={t('flowSimulator.send')}
            disabled={state.kind === 'invalid' || text.trim() === ''}
            onClick={send}
            data-testid="sim-send"
          >
            <IconSend size={18} />
          </ActionIcon>
        </Group>
      </Box>

      <SimVariables
        current={sim.current}
        previous={sim.history.at(-1) ?? null}
        nodeLabel={nodeLabel(sim.current.session.nodeId)}
        tagSuggestions={names.tags}
        onContactChange={(contact) => setSim((current) => editContact(current, contact))}
        opened={variablesOpen}
        onToggle={() => setVariablesOpen((value) => !value)}
      />
    </Stack>
  );
}
