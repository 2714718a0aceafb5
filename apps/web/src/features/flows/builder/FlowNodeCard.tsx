import { memo } from 'react';
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import classes from './FlowBuilder.module.css';

interface CardData extends Record<string, unknown> {
  flowType: string;
  label: string;
  summary: string;
  /** Output handle id → the text beside it (an option's label, "Verdadeiro"…). */
  outputs: { id: string; label: string }[];
  invalid: boolean;
  active: boolean;
  reach: { reached: number; stopped: number } | null;
}

export type CardNode = Node<CardData, 'flow'>;

/** A block on the canvas: its kind, a line of what it does, one handle per way out. */
export const FlowNodeCard = memo(function FlowNodeCard({ id, data, selected }: NodeProps<CardNode>) {
  const { t } = useTranslation();
  return (
    <div
      className={classes.node}
      data-selected={selected || undefined}
      data-active={data.active || undefined}
      data-invalid={data.invalid || undefined}
      data-type={data.flowType}
      data-testid={`flow-node-${id}`}
    >
      {data.flowType !== 'start' && (
        <Handle type="target" position={Position.Left} id="in" className={classes.target} data-testid={`handle-${id}-in`} />
      )}
      <Group gap={6} wrap="nowrap" className={classes.nodeHeader}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" truncate>
          {data.label}
        </Text>
        {data.invalid && (
          <Tooltip label={t('flows.form.invalidHint')}>
            <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" aria-label={t('flows.form.invalidHint')} />
          </Tooltip>
        )}
      </Group>
      {data.summary && (
        <Text size="sm" lineClamp={2} className={classes.summary}>
          {data.summary}
        </Text>
      )}
      {data.reach && (
        <Group gap={4} mt={6} data-testid={`node-reach-${id}`}>
          <Badge size="xs" variant="light" color="brand" tt="none">
            {t('flows.builder.reached', { count: data.reach.reached })}
          </Badge>
          {data.reach.stopped > 0 && (
            <Badge size="xs" variant="light" color="orange" tt="none">
              {t('flows.builder.stopped', { count: data.reach.stopped })}
            </Badge>
          )}
        </Group>
      )}
      {data.outputs.length > 0 && (
        <div className={classes.outputs}>
          {data.outputs.map((output) => (
            <div key={output.id} className={classes.output}>
              <Text size="xs" c="dimmed" truncate>
                {output.label}
              </Text>
              <Handle
                type="source"
                position={Position.Right}
                id={output.id}
                className={classes.source}
                data-testid={`handle-${id}-${output.id}`}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
