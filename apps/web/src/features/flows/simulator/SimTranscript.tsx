import { Anchor, Box, Button, Code, Group, Image, Paper, Stack, Text } from '@mantine/core';
import {
  IconAlertCircle,
  IconClock,
  IconFileText,
  IconInfoCircle,
  IconMusic,
  IconPhoto,
  IconRepeat,
  IconVideo,
  IconCircleCheck,
} from '@tabler/icons-react';
import type { MediaKind } from '@jimmy/flow-engine';
import { useTranslation } from 'react-i18next';
import { useFlowMedia } from '../flowMediaApi.js';
import { ChipFrame, SimEventChip } from './SimEventChip.js';
import { collapseRepeats } from './transcript.js';
import type { TranscriptItem } from './transcript.js';
import type { Names } from './useNameLookups.js';

const MEDIA_ICONS: Record<MediaKind, typeof IconPhoto> = { image: IconPhoto, video: IconVideo, audio: IconMusic, document: IconFileText };

function Bubble({ side, testId, children }: { side: 'customer' | 'bot'; testId: string; children: React.ReactNode }) {
  const mine = side === 'customer';
  return (
    <Group justify={mine ? 'flex-end' : 'flex-start'} px="xs" py={2} wrap="nowrap" data-testid={testId}>
      <Paper
        px="sm"
        py={6}
        radius="md"
        shadow="xs"
        maw="85%"
        style={{
          minWidth: 0,
          background: mine ? 'var(--mantine-color-brand-light)' : 'var(--mantine-color-default)',
          border: '1px solid var(--mantine-color-default-border)',
        }}
      >
        {children}
      </Paper>
    </Group>
  );
}

// Customer and bot text are rendered as text nodes: a flow's templates may carry anything the customer typed.
const Body = ({ text }: { text: string }) => (
  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
    {text}
  </Text>
);

function preview(data: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data, null, 1);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

interface Props {
  items: readonly TranscriptItem[];
  names: Names;
  /** The menu node waiting for an answer: its latest menu's options are clickable. */
  activeMenuNodeId: string | null;
  /** The timer the session waits for (a Wait node or a question's no-reply limit). */
  timeoutToken: string | null;
  onOption: (option: { id: string; label: string }) => void;
  onFire: () => void;
  /** How the canvas names a node ("Pergunta (q1)"), for log lines that point at one. */
  nodeLabel: (nodeId: string | null) => string | null;
}

export function SimTranscript({ items, names, activeMenuNodeId, timeoutToken, onOption, onFire, nodeLabel }: Props) {
  const { t } = useTranslation();
  const library = useFlowMedia(items.some((item) => item.kind === 'media' && item.libraryId !== null));
  const libraryName = (id: string) => library.data?.find((file) => String(file.id) === id)?.name;
  const lastMenuId = items.findLast((item) => item.kind === 'menu')?.id;
  const render = (item: TranscriptItem) => {
    switch (item.kind) {
      case 'customer':
        return (
          <Bubble key={item.id} side="customer" testId="sim-customer-message">
            <Body text={item.text} />
          </Bubble>
        );
      case 'bot':
        return (
          <Bubble key={item.id} side="bot" testId="sim-bot-message">
            <Body text={item.text} />
          </Bubble>
        );
      case 'media': {
        const Icon = MEDIA_ICONS[item.media];
        return (
          <Bubble key={item.id} side="bot" testId="sim-bot-message">
            <Group gap={6} wrap="nowrap">
              <Icon size={16} />
              <Text size="sm" fw={500}>
                {t(`flowSimulator.media.${item.media}`)}
                {item.libraryId !== null && ` ${libraryName(item.libraryId) ?? t('flowSimulator.media.fromLibrary')}`}
              </Text>
            </Group>
            {item.url !== null && item.media === 'image' && <Image src={item.url} alt="" mah={160} fit="contain" mt={4} radius="sm" />}
            {item.url !== null && (
              <Anchor href={item.url} target="_blank" rel="noopener noreferrer" size="xs" style={{ overflowWrap: 'anywhere' }}>
                {item.url}
              </Anchor>
            )}
            {item.caption !== null && <Body text={item.caption} />}
          </Bubble>
        );
      }
      case 'menu': {
        const active = item.id === lastMenuId && item.nodeId !== null && item.nodeId === activeMenuNodeId;
        return (
          <Bubble key={item.id} side="bot" testId="sim-bot-message">
            <Body text={item.text} />
            <Stack gap={4} mt={6}>
              {item.options.map((option, index) => (
                <Button
                  key={option.id}
                  size="compact-sm"
                  variant={active ? 'light' : 'subtle'}
                  disabled={!active}
                  fullWidth
                  justify="flex-start"
                  onClick={() => onOption(option)}
                  // Only the pending menu carries the ids, so a menu asked again never yields two matches.
                  data-testid={active ? `sim-option-${option.id}` : undefined}
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                >
                  {index + 1}. {option.label}
                </Button>
              ))}
            </Stack>
            {active && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('flowSimulator.menuHint')}
              </Text>
            )}
          </Bubble>
        );
      }
      case 'event': {
        const fire = item.effect.type === 'scheduleTimeout' && item.effect.token === timeoutToken ? onFire : undefined;
        return <SimEventChip key={item.id} effect={item.effect} names={names} onFire={fire} nodeLabel={nodeLabel} />;
      }
      case 'timeoutFired':
        return (
          <ChipFrame key={item.id} color="orange" icon={<IconClock size={14} />} testId="sim-event" type="timeout">
            <Text size="xs" fw={500}>
              {t('flowSimulator.timeout.fired')}
            </Text>
          </ChipFrame>
        );
      case 'requestResult': {
        const { result } = item;
        const title = result.ok
          ? t(item.via === 'real' ? 'flowSimulator.request.resultReal' : 'flowSimulator.request.resultMock')
          : t(item.via === 'real' ? 'flowSimulator.request.errorReal' : 'flowSimulator.request.errorMock', { error: result.error });
        return (
          <ChipFrame
            key={item.id}
            color={result.ok ? 'cyan' : 'red'}
            icon={result.ok ? <IconCircleCheck size={14} /> : <IconAlertCircle size={14} />}
            testId="sim-event"
            type="effectResult"
          >
            <Text size="xs" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {result.status === undefined ? title : `${title} · HTTP ${result.status}`}
            </Text>
            {result.ok && item.request === 'http' && (
              <Code block fz={11} mt={4} style={{ maxHeight: 120, overflow: 'auto' }}>
                {preview(result.data)}
              </Code>
            )}
          </ChipFrame>
        );
      }
      case 'notice':
        return (
          <Group
            key={item.id}
            justify="center"
            gap={4}
            px="md"
            py={2}
            wrap="nowrap"
            data-testid="sim-notice"
            title={item.notice === 'ignored' ? item.detail : undefined}
          >
            <Box c="dimmed" style={{ display: 'flex', flexShrink: 0 }}>
              <IconInfoCircle size={14} />
            </Box>
            <Text size="xs" c="dimmed" fs="italic" ta="center">
              {item.notice === 'ignored' ? t(`flowSimulator.notices.${item.while}`) : t('flowSimulator.notices.draftChanged')}
            </Text>
          </Group>
        );
    }
  };
  return (
    <Stack gap={2} py="xs" role="log" aria-live="polite" data-testid="sim-transcript">
      {collapseRepeats(items).map((run) =>
        run.repeat === 1 ? (
          run.items.map(render)
        ) : (
          <Box
            key={`run-${run.items[0]?.id ?? 0}`}
            mx="xs"
            py={2}
            style={{ border: '1px dashed var(--mantine-color-red-4)', borderRadius: 'var(--mantine-radius-md)' }}
            data-testid="sim-repeat"
            data-count={run.repeat}
          >
            <Group gap={4} justify="center" c="red.7">
              <IconRepeat size={12} />
              <Text size="xs" fw={600}>
                {t('flowSimulator.repeated', { count: run.repeat })}
              </Text>
            </Group>
            {run.items.map(render)}
          </Box>
        ),
      )}
    </Stack>
  );
}
