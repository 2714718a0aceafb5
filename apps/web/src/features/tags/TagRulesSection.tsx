import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { Tag, TagRule } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors.js';
import { TagChip } from './TagChip.js';
import { useDeleteRule, useSaveRule, useTagRules } from './tagsApi.js';

export function TagRulesSection({ tags }: { tags: readonly Tag[] }) {
  const { t } = useTranslation();
  const rules = useTagRules();
  const save = useSaveRule();
  const remove = useDeleteRule();
  const [match, setMatch] = useState<TagRule['match']>('contains');
  const [pattern, setPattern] = useState('');
  const [tagId, setTagId] = useState<string | null>(null);
  const errors = fieldErrors(save.error, t);
  const tagOf = (id: number) => tags.find((tag) => tag.id === id);
  const add = () =>
    save.mutate(
      { id: null, body: { match, pattern: pattern.trim(), tagId: Number(tagId), active: true } },
      { onSuccess: () => setPattern('') },
    );

  return (
    <Stack gap="sm">
      <Title order={4}>{t('tags.rules.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('tags.rules.hint')}
      </Text>
      {rules.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('tags.rules.empty')}
        </Text>
      )}
      {rules.data?.map((rule) => {
        const tag = tagOf(rule.tagId);
        return (
          <Group key={rule.id} gap="sm" wrap="nowrap" data-testid={`rule-row-${rule.id}`}>
            <Switch
              size="xs"
              checked={rule.active}
              aria-label={t('tags.rules.active')}
              onChange={(event) => save.mutate({ id: rule.id, body: { active: event.currentTarget.checked } })}
            />
            <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
              {t(`tags.rules.${rule.match}`)} “{rule.pattern}”
            </Text>
            {tag && <TagChip tag={tag} />}
            <ActionIcon variant="subtle" color="red" aria-label={t('tags.rules.remove')} onClick={() => remove.mutate(rule.id)}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      {tags.length === 0 ? (
        <Alert color="blue">{t('tags.rules.needTags')}</Alert>
      ) : (
        <Group
          component="form"
          align="flex-start"
          gap="sm"
          wrap="wrap"
          onSubmit={(event) => {
            event.preventDefault();
            if (pattern.trim() && tagId) add();
          }}
        >
          <Select
            size="xs"
            w={230}
            aria-label={t('tags.rules.new')}
            value={match}
            allowDeselect={false}
            onChange={(value) => setMatch(value === 'regex' ? 'regex' : 'contains')}
            data={[
              { value: 'contains', label: t('tags.rules.contains') },
              { value: 'regex', label: t('tags.rules.regex') },
            ]}
          />
          <TextInput
            size="xs"
            placeholder={t('tags.rules.pattern')}
            aria-label={t('tags.rules.pattern')}
            value={pattern}
            maxLength={200}
            error={errors.pattern}
            onChange={(event) => setPattern(event.currentTarget.value)}
            style={{ flex: '1 1 180px' }}
            data-testid="rule-pattern"
          />
          <Select
            size="xs"
            w={170}
            placeholder={t('tags.rules.tag')}
            aria-label={t('tags.rules.tag')}
            value={tagId}
            onChange={setTagId}
            error={errors.tagId}
            data={tags.map((tag) => ({ value: String(tag.id), label: tag.name }))}
            data-testid="rule-tag"
          />
          <Button size="xs" type="submit" loading={save.isPending} disabled={!pattern.trim() || !tagId}>
            {t('tags.rules.new')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
