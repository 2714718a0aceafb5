import { useState } from 'react';
import { ActionIcon, Alert, Button, Center, ColorInput, Group, Loader, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Tag } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { LanesEditor } from './LanesEditor.js';
import { TagChip } from './TagChip.js';
import { TAG_PALETTE } from './TagPicker.js';
import { TagRulesSection } from './TagRulesSection.js';
import { useCreateTag, useDeleteTag, useTags, useUpdateTag } from './tagsApi.js';

function TagRow({ tag, isLane, onLane }: { tag: Tag; isLane: boolean; onLane: (on: boolean) => void }) {
  const { t } = useTranslation();
  const update = useUpdateTag();
  const remove = useDeleteTag();
  const [name, setName] = useState(tag.name);
  const errors = fieldErrors(update.error, t);
  const save = (patch: { name?: string; color?: string }) =>
    update.mutate(
      { id: tag.id, ...patch },
      { onError: (err) => notifications.show({ color: 'red', title: t('tags.saveFailed'), message: errorMessage(err, t) }) },
    );
  return (
    <Group gap="sm" wrap="wrap" data-testid={`tag-row-${tag.id}`}>
      <TagChip tag={{ ...tag, name: name || tag.name }} />
      <TextInput
        size="xs"
        aria-label={t('tags.name')}
        value={name}
        error={errors.name}
        onChange={(event) => setName(event.currentTarget.value)}
        onBlur={() => name.trim() && name.trim() !== tag.name && save({ name: name.trim() })}
        style={{ flex: '1 1 160px' }}
      />
      <ColorInput
        size="xs"
        w={130}
        aria-label={t('tags.color')}
        defaultValue={tag.color}
        format="hex"
        swatches={TAG_PALETTE}
        swatchesPerRow={9}
        onChangeEnd={(color) => color !== tag.color && /^#[0-9a-f]{6}$/i.test(color) && save({ color })}
      />
      <Switch
        size="xs"
        label={t('tags.lanes.isLane')}
        checked={isLane}
        onChange={(event) => onLane(event.currentTarget.checked)}
        data-testid={`tag-lane-${tag.id}`}
      />
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={t('tags.remove', { name: tag.name })}
        loading={remove.isPending}
        onClick={() => window.confirm(t('tags.removeConfirm', { name: tag.name })) && remove.mutate(tag.id)}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );
}

function NewTagForm() {
  const { t } = useTranslation();
  const create = useCreateTag();
  const [name, setName] = useState('');
  const [color, setColor] = useState(TAG_PALETTE[5]!);
  const errors = fieldErrors(create.error, t);
  const submit = () =>
    create.mutate(
      { name: name.trim(), color },
      {
        onSuccess: () => setName(''),
        onError: (err) =>
          !Object.keys(fieldErrors(err, t)).length &&
          notifications.show({ color: 'red', title: t('tags.saveFailed'), message: errorMessage(err, t) }),
      },
    );
  return (
    <Group
      component="form"
      align="flex-start"
      gap="sm"
      wrap="wrap"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) submit();
      }}
    >
      <TextInput
        size="sm"
        placeholder={t('tags.name')}
        aria-label={t('tags.name')}
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.currentTarget.value)}
        style={{ flex: '1 1 200px' }}
        data-testid="new-tag-name"
      />
      <ColorInput
        size="sm"
        w={150}
        aria-label={t('tags.color')}
        value={color}
        onChange={setColor}
        format="hex"
        swatches={TAG_PALETTE}
        swatchesPerRow={9}
        error={errors.color}
      />
      <Button
        type="submit"
        leftSection={<IconPlus size={16} />}
        loading={create.isPending}
        disabled={!name.trim()}
        data-testid="new-tag-create"
      >
        {t('tags.create')}
      </Button>
    </Group>
  );
}

/** Admins: the company's tags, which of them are kanban columns (in order, with a message), and the rules. */
export function TagsPage() {
  const { t } = useTranslation();
  const tags = useTags();
  const [laneIds, setLaneIds] = useState<number[] | null>(null);
  const list = tags.data ?? [];
  const savedLanes = list
    .filter((tag) => tag.lanePosition !== null)
    .sort((a, b) => a.lanePosition! - b.lanePosition!)
    .map((tag) => tag.id);
  const lanes = laneIds ?? savedLanes;

  return (
    <Stack gap="lg" maw={900}>
      <PageHeader title={t('tags.title')} description={t('tags.subtitle')} />
      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <NewTagForm />
          {tags.isPending && (
            <Center>
              <Loader size="sm" />
            </Center>
          )}
          {tags.isError && <Alert color="red">{t('tags.loadFailed')}</Alert>}
          {tags.data && list.length === 0 && (
            <Alert color="blue" title={t('tags.emptyTitle')}>
              {t('tags.emptyText')}
            </Alert>
          )}
          {list.map((tag) => (
            <TagRow
              key={`${tag.id}-${tag.name}-${tag.color}`}
              tag={tag}
              isLane={lanes.includes(tag.id)}
              onLane={(on) => setLaneIds(on ? [...lanes, tag.id] : lanes.filter((id) => id !== tag.id))}
            />
          ))}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={4}>{t('tags.lanes.title')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('tags.lanes.hint')}
        </Text>
        <LanesEditor tags={list} laneIds={lanes} onOrder={setLaneIds} onSaved={() => setLaneIds(null)} />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <TagRulesSection tags={list} />
      </Paper>
    </Stack>
  );
}
