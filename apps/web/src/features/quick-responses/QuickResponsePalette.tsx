import { useEffect, useRef } from 'react';
import { Box, CloseButton, Group, Loader, Paper, Pill, ScrollArea, Stack, Text } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import type { QuickResponse } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { AttachmentIcon, attachmentLabel } from './AttachmentIcon.js';
import { leftoverVariables } from './sampleContext.js';
import type { Staged } from './useQuickResponsePalette.js';

interface PaletteProps {
  query: string;
  matches: QuickResponse[];
  active: number;
  loading: boolean;
  hasAny: boolean;
  onHover: (index: number) => void;
  onChoose: (response: QuickResponse) => void;
}

/** The list above the composer; the textarea keeps the focus, so typing keeps filtering. */
export function QuickResponsePalette({ query, matches, active, loading, hasAny, onHover, onChoose }: PaletteProps) {
  const { t } = useTranslation();
  const current = matches[active];
  const activeRow = useRef<HTMLDivElement>(null);
  // Braces: recent Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    void activeRow.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <Paper withBorder shadow="md" radius="md" mb="xs" p={4} data-testid="qr-palette">
      <Group gap={6} px={6} py={2}>
        <IconBolt size={14} aria-hidden />
        <Text size="xs" fw={600}>
          {t('quickResponses.palette.label')}
        </Text>
        {loading && <Loader size={12} />}
        <Text size="10px" c="dimmed" ml="auto" visibleFrom="sm">
          {t('quickResponses.palette.hint')}
        </Text>
      </Group>
      {matches.length === 0 ? (
        <Text size="sm" c="dimmed" px={6} py={4}>
          {loading
            ? t('quickResponses.palette.loading')
            : hasAny
              ? t('quickResponses.palette.empty', { query })
              : t('quickResponses.palette.none')}
        </Text>
      ) : (
        <Group align="stretch" gap={4} wrap="nowrap">
          <ScrollArea.Autosize mah={220} style={{ flex: 1, minWidth: 0 }}>
            <Stack gap={0} role="listbox" aria-label={t('quickResponses.palette.label')}>
              {matches.map((r, i) => (
                <Box
                  key={r.id}
                  ref={i === active ? activeRow : undefined}
                  role="option"
                  aria-selected={i === active}
                  px={6}
                  py={4}
                  style={{
                    borderRadius: 6,
                    cursor: 'pointer',
                    background: i === active ? 'var(--mantine-color-default-hover)' : undefined,
                  }}
                  // mousedown, not click: the textarea must not lose focus (and its caret) first
                  onMouseDown={(e) => {
                    e.preventDefault();
                    onChoose(r);
                  }}
                  onMouseEnter={() => onHover(i)}
                  data-testid="qr-option"
                >
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600} style={{ flexShrink: 0 }}>
                      /{r.shortcut}
                    </Text>
                    {r.attachments.map((a) => (
                      <AttachmentIcon key={a.id} attachment={a} size={14} />
                    ))}
                    <Text size="sm" c="dimmed" truncate="end" style={{ flex: 1, minWidth: 0 }}>
                      {r.body}
                    </Text>
                  </Group>
                </Box>
              ))}
            </Stack>
          </ScrollArea.Autosize>
          {current && (
            <Box
              visibleFrom="sm"
              p={6}
              w="40%"
              style={{ borderLeft: '1px solid var(--mantine-color-default-border)', overflow: 'hidden' }}
              data-testid="qr-palette-preview"
            >
              <Text size="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={6}>
                {current.body}
              </Text>
              <Stack gap={2} mt={4}>
                {current.attachments.map((a) => (
                  <Group key={a.id} gap={4} wrap="nowrap">
                    <AttachmentIcon attachment={a} size={12} />
                    <Text size="xs" truncate="end">
                      {attachmentLabel(a)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Box>
          )}
        </Group>
      )}
    </Paper>
  );
}

interface StagedProps {
  staged: Staged;
  text: string;
  onRemove: (attachmentId: number) => void;
  onDiscard: () => void;
}

/** The chosen response's attachments waiting to go after the text, and any variable left unfilled. */
export function StagedQuickResponse({ staged, text, onRemove, onDiscard }: StagedProps) {
  const { t } = useTranslation();
  const kept = staged.response.attachments.filter((a) => staged.attachmentIds.includes(a.id));
  const unknown = leftoverVariables(text);
  return (
    <Stack gap={4} mb="xs" data-testid="qr-staged">
      <Group gap={6} wrap="wrap">
        <Text size="xs" c="dimmed">
          {t('quickResponses.palette.staged', { shortcut: staged.response.shortcut })}
        </Text>
        {kept.map((a) => (
          <Pill
            key={a.id}
            withRemoveButton
            onRemove={() => onRemove(a.id)}
            removeButtonProps={{ 'aria-label': t('quickResponses.palette.removeStaged', { name: attachmentLabel(a) }) }}
            data-testid="qr-staged-attachment"
          >
            <Group gap={4} wrap="nowrap">
              <AttachmentIcon attachment={a} size={12} />
              <span>{attachmentLabel(a)}</span>
            </Group>
          </Pill>
        ))}
        <CloseButton size="sm" onClick={onDiscard} aria-label={t('quickResponses.palette.discard')} />
      </Group>
      {unknown.length > 0 && (
        <Text size="xs" c="orange" data-testid="qr-unknown">
          {t('quickResponses.unknownVariables', { list: unknown.join(', ') })}
        </Text>
      )}
    </Stack>
  );
}
