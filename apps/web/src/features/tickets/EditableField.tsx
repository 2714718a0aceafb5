import { useState } from 'react';
import { ActionIcon, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  value: string;
  placeholder: string;
  onSave: (value: string) => Promise<unknown>;
  error?: string;
  testId: string;
  strong?: boolean;
}

/** Text that turns into an input on click; Enter saves, Escape gives up. */
export function EditableField({ label, value, placeholder, onSave, error, testId, strong }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (draft === null) return;
    if (draft.trim() === value) {
      setDraft(null);
      return;
    }
    setSaving(true);
    try {
      await onSave(draft.trim());
      setDraft(null);
    } catch {
      // The caller shows the field error; the draft stays so it can be fixed.
    } finally {
      setSaving(false);
    }
  };

  if (draft !== null) {
    return (
      <TextInput
        size="xs"
        label={label}
        value={draft}
        autoFocus
        error={error}
        disabled={saving}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
          if (e.key === 'Escape') setDraft(null);
        }}
        rightSectionWidth={56}
        rightSection={
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              size="sm"
              variant="subtle"
              onClick={() => void save()}
              loading={saving}
              aria-label={t('common.save')}
              data-testid={`${testId}-save`}
            >
              <IconCheck size={14} />
            </ActionIcon>
            <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => setDraft(null)} aria-label={t('common.cancel')}>
              <IconX size={14} />
            </ActionIcon>
          </Group>
        }
        data-testid={`${testId}-input`}
      />
    );
  }

  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group gap={4} wrap="nowrap">
        <Text size={strong ? 'md' : 'sm'} fw={strong ? 600 : 400} c={value ? undefined : 'dimmed'} truncate="end" data-testid={testId}>
          {value || placeholder}
        </Text>
        <Tooltip label={t('tickets.contact.edit')}>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            onClick={() => setDraft(value)}
            aria-label={`${t('tickets.contact.edit')}: ${label}`}
            data-testid={`${testId}-edit`}
          >
            <IconPencil size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </div>
  );
}
