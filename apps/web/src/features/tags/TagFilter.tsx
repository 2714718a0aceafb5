import { Group, MultiSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTags } from './tagsApi.js';

interface Props {
  tagIds: readonly number[];
  mode: 'any' | 'all';
  onChange: (tagIds: number[], mode: 'any' | 'all') => void;
}

/** Tickets with any (or all) of the chosen tags. */
export function TagFilter({ tagIds, mode, onChange }: Props) {
  const { t } = useTranslation();
  const tags = useTags();
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {t('tags.filter.label')}
        </Text>
        <SegmentedControl
          size="xs"
          value={mode}
          disabled={tagIds.length < 2}
          onChange={(value) => onChange([...tagIds], value === 'all' ? 'all' : 'any')}
          data={[
            { value: 'any', label: t('tags.filter.any') },
            { value: 'all', label: t('tags.filter.all') },
          ]}
          data-testid="tickets-filter-tag-mode"
        />
      </Group>
      <MultiSelect
        placeholder={t('tickets.filters.any')}
        searchable
        clearable
        comboboxProps={{ withinPortal: false }}
        data={(tags.data ?? []).map((tag) => ({ value: String(tag.id), label: tag.name }))}
        value={tagIds.map(String)}
        onChange={(values) => onChange(values.map(Number), mode)}
        aria-label={t('tags.filter.label')}
        data-testid="tickets-filter-tags"
      />
    </Stack>
  );
}
