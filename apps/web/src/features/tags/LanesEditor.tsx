import { useState } from 'react';
import { ActionIcon, Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { Tag } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { TagChip } from './TagChip.js';
import { useSetLanes } from './tagsApi.js';

interface Props {
  tags: readonly Tag[];
  laneIds: readonly number[];
  onOrder: (ids: number[]) => void;
  onSaved: () => void;
}

/** The lanes in board order, each with its optional message; saved together. */
export function LanesEditor({ tags, laneIds, onOrder, onSaved }: Props) {
  const { t } = useTranslation();
  const save = useSetLanes();
  const [messages, setMessages] = useState<Record<number, string>>({});
  const messageOf = (tag: Tag) => messages[tag.id] ?? tag.laneMessage ?? '';
  const lanes = laneIds.map((id) => tags.find((tag) => tag.id === id)).filter((tag): tag is Tag => tag !== undefined);
  const swap = (i: number, j: number) => {
    const next = [...laneIds];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onOrder(next);
  };
  const submit = () =>
    save.mutate(
      lanes.map((tag) => ({ tagId: tag.id, message: messageOf(tag).trim() || null })),
      {
        onSuccess: () => {
          setMessages({});
          onSaved();
          notifications.show({ color: 'green', message: t('tags.lanes.saved') });
        },
        onError: (err) => notifications.show({ color: 'red', title: t('tags.saveFailed'), message: errorMessage(err, t) }),
      },
    );

  return (
    <Stack gap="sm">
      {lanes.map((tag, i) => (
        <Group key={tag.id} align="flex-start" wrap="nowrap" gap="xs" data-testid={`lane-row-${tag.id}`}>
          <Stack gap={2}>
            <ActionIcon
              size="sm"
              variant="subtle"
              disabled={i === 0}
              onClick={() => swap(i, i - 1)}
              aria-label={t('tags.lanes.moveUp', { name: tag.name })}
            >
              <IconArrowUp size={14} />
            </ActionIcon>
            <ActionIcon
              size="sm"
              variant="subtle"
              disabled={i === lanes.length - 1}
              onClick={() => swap(i, i + 1)}
              aria-label={t('tags.lanes.moveDown', { name: tag.name })}
            >
              <IconArrowDown size={14} />
            </ActionIcon>
          </Stack>
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <TagChip tag={tag} />
            <Textarea
              size="xs"
              autosize
              minRows={1}
              maxRows={4}
              label={t('tags.lanes.message')}
              description={t('tags.lanes.messageHint')}
              value={messageOf(tag)}
              onChange={(event) => setMessages({ ...messages, [tag.id]: event.currentTarget.value })}
            />
          </Stack>
        </Group>
      ))}
      <Group>
        <Button onClick={submit} loading={save.isPending} data-testid="lanes-save">
          {t('tags.save')}
        </Button>
      </Group>
    </Stack>
  );
}
