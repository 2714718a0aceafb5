import { ActionIcon, Group, Input, Paper, Select, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useQueues } from './connectionsApi.js';

/**
 * A connection's queues in menu order. One queue: new conversations go straight to it; several: the
 * customer gets a menu listing them in this order.
 */
export function QueueMenuPicker({
  value,
  onChange,
  error,
}: {
  value: number[];
  onChange: (ids: number[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const queues = useQueues();
  const byId = new Map((queues.data ?? []).map((q) => [q.id, q]));
  const available = (queues.data ?? []).filter((q) => !value.includes(q.id));
  const move = (index: number, delta: -1 | 1) => {
    const next = [...value];
    const target = index + delta;
    if (target < 0 || target >= next.length) return;
    [next[index], next[target]] = [next[target]!, next[index]!];
    onChange(next);
  };

  return (
    <Input.Wrapper label={t('connections.defaultQueue')} description={t('connections.form.defaultQueueHint')} error={error}>
      <Stack gap="xs" mt={6} data-testid="connection-form-queues">
        {queues.isSuccess && queues.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('connections.form.noQueuesYet')}
          </Text>
        ) : value.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('connections.form.noQueuesChosen')}
          </Text>
        ) : (
          <Paper withBorder radius="md">
            {value.map((id, index) => {
              const queue = byId.get(id);
              const name = { name: queue?.name ?? `#${id}` };
              return (
                <Group
                  key={id}
                  justify="space-between"
                  wrap="nowrap"
                  px="sm"
                  py={6}
                  style={{ borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-default-border)' }}
                >
                  <Group gap="xs" wrap="nowrap" miw={0}>
                    <Text size="sm" c="dimmed" w={18}>
                      {value.length > 1 ? `${index + 1}.` : ''}
                    </Text>
                    <span
                      aria-hidden
                      style={{ width: 10, height: 10, borderRadius: '50%', background: queue?.color ?? 'gray', flex: 'none' }}
                    />
                    <Text size="sm" truncate>
                      {name.name}
                    </Text>
                  </Group>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={t('connections.form.moveQueueUp', name)}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={index === value.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={t('connections.form.moveQueueDown', name)}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(value.filter((other) => other !== id))}
                      aria-label={t('connections.form.removeQueue', name)}
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  </Group>
                </Group>
              );
            })}
          </Paper>
        )}
        {available.length > 0 && (
          <Select
            placeholder={t('connections.form.addQueue')}
            aria-label={t('connections.form.addQueue')}
            data={available.map((q) => ({ value: String(q.id), label: q.name }))}
            value={null}
            onChange={(id) => id && onChange([...value, Number(id)])}
            disabled={queues.isPending}
            data-testid="connection-form-add-queue"
          />
        )}
      </Stack>
    </Input.Wrapper>
  );
}
