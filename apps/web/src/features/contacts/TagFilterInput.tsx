import { Group, MultiSelect, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TagFilter } from './contactsApi.js';
import { useTags } from '../tags/index.js';

/** Hidden until the company has tags: an empty filter would only be noise. */
export function TagFilterInput({ value, onChange }: { value: TagFilter; onChange: (next: TagFilter) => void }) {
  const { t } = useTranslation();
  const tags = useTags();
  if (!tags.data || tags.data.length === 0) return null;
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap" data-testid="contacts-tag-filter">
      <MultiSelect
        w={240}
        searchable
        clearable
        aria-label={t('contactExtras.tags.filter')}
        placeholder={value.ids.length === 0 ? t('contactExtras.tags.filter') : undefined}
        data={tags.data.map((tag) => ({ value: String(tag.id), label: tag.name }))}
        value={value.ids.map(String)}
        onChange={(ids) => onChange({ ...value, ids: ids.map(Number) })}
      />
      {value.ids.length > 1 && (
        <SegmentedControl
          size="xs"
          value={value.mode}
          onChange={(mode) => onChange({ ...value, mode: mode === 'all' ? 'all' : 'any' })}
          data={[
            { value: 'any', label: t('contactExtras.tags.any') },
            { value: 'all', label: t('contactExtras.tags.all') },
          ]}
        />
      )}
    </Group>
  );
}
