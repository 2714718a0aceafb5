import { useState } from 'react';
import { Button, CloseButton, Group, Stack, TagsInput, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SimContact } from './transcript.js';

interface Props {
  contact: SimContact;
  /** Existing tag names, offered as suggestions. */
  tagSuggestions: string[];
  onSave: (contact: SimContact) => void;
  onCancel: () => void;
}

/** Sets who the simulated customer is: fields ({{contact.name}}…) and tags the flow's conditions read. */
export function SimContactEditor({ contact, tagSuggestions, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(() => Object.entries(contact.fields).map(([key, value]) => ({ key, value })));
  const [tags, setTags] = useState(contact.tags);

  const update = (index: number, patch: Partial<{ key: string; value: string }>) =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  const save = () => {
    const fields = Object.fromEntries(rows.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value]));
    onSave({ fields, tags });
  };

  return (
    <Stack gap={6} data-testid="sim-contact-editor">
      {rows.map((row, index) => (
        <Group key={index} gap={4} wrap="nowrap">
          <TextInput
            size="xs"
            style={{ flex: 2 }}
            aria-label={t('flowSimulator.contact.field')}
            placeholder={t('flowSimulator.contact.field')}
            value={row.key}
            onChange={(event) => update(index, { key: event.currentTarget.value })}
          />
          <TextInput
            size="xs"
            style={{ flex: 3 }}
            aria-label={t('flowSimulator.contact.value')}
            placeholder={t('flowSimulator.contact.value')}
            value={row.value}
            onChange={(event) => update(index, { value: event.currentTarget.value })}
          />
          <CloseButton
            size="sm"
            aria-label={t('flowSimulator.contact.removeField')}
            onClick={() => setRows((current) => current.filter((_row, at) => at !== index))}
          />
        </Group>
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconPlus size={12} />}
        onClick={() => setRows((current) => [...current, { key: '', value: '' }])}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('flowSimulator.contact.addField')}
      </Button>
      <TagsInput size="xs" label={t('flowSimulator.variables.tags')} value={tags} onChange={setTags} data={tagSuggestions} clearable />
      <Group gap={6} justify="flex-end">
        <Button size="compact-xs" variant="default" onClick={onCancel}>
          {t('flowSimulator.contact.cancel')}
        </Button>
        <Button size="compact-xs" onClick={save} data-testid="sim-contact-save">
          {t('flowSimulator.contact.save')}
        </Button>
      </Group>
    </Stack>
  );
}
