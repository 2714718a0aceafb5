import { Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NODES, NODE_TYPES, type NodeEditor, type NodeType } from '@jimmy/flow-engine';
import { currentLanguage } from '../../../lib/i18n/index.js';
import classes from './FlowBuilder.module.css';

/** The drag payload's type: only palette items may be dropped on the canvas. */
export const PALETTE_MIME = 'application/x-jimmy-flow-node';

const GROUPS: NodeEditor['group'][] = ['trigger', 'message', 'input', 'logic', 'action', 'integration', 'end'];

/** Blocks grouped as the engine files them: drag one onto the canvas, or click (or Enter) to add it in view. */
export function NodePalette({ hasStart, onAdd }: { hasStart: boolean; onAdd: (type: NodeType) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Stack gap="sm" p="sm" data-testid="flow-palette">
      <Text size="xs" c="dimmed">
        {t('flows.builder.paletteHint')}
      </Text>
      {GROUPS.map((group) => {
        const types = NODE_TYPES.filter((type) => NODES[type].editor.group === group && !(type === 'start' && hasStart));
        if (types.length === 0) return null;
        return (
          <Stack key={group} gap={4}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {t(`flows.groups.${group}`)}
            </Text>
            {types.map((type) => {
              const label = NODES[type].editor.label[language];
              return (
                <UnstyledButton
                  key={type}
                  className={classes.paletteItem}
                  draggable
                  onDragStart={(event) => {
                    event.dataTransfer.setData(PALETTE_MIME, type);
                    event.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(type)}
                  aria-label={t('flows.builder.add', { name: label })}
                  data-testid={`palette-${type}`}
                >
                  <Text size="sm">{label}</Text>
                </UnstyledButton>
              );
            })}
          </Stack>
        );
      })}
    </Stack>
  );
}
