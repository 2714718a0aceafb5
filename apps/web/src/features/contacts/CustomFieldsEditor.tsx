import { useState } from 'react';
import { Button, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Contact, CustomField } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { useCustomFields } from './extrasApi.js';
import { useUpdateContact } from './contactsApi.js';

/** Only defined fields are sent: a stored value whose definition is gone is left out (the server would refuse it). */
function definedValues(fields: CustomField[], values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, values[f.key] ?? '']));
}

/** One typed input per company field; saved together, so the server validates the whole set at once. */
export function CustomFieldsEditor({ contact, size = 'sm' }: { contact: Contact; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const definitions = useCustomFields();
  const update = useUpdateContact();
  const [draft, setDraft] = useState<Record<string, string>>(contact.customFields);
  const errors = fieldErrors(update.error, t);
  const fields = definitions.data ?? [];
  if (definitions.isPending) return null;
  if (fields.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {t('contactExtras.fields.none')}
      </Text>
    );
  const dirty = fields.some((f) => (draft[f.key] ?? '') !== (contact.customFields[f.key] ?? ''));
  const save = () =>
    update.mutate(
      { id: contact.id, patch: { customFields: definedValues(fields, draft) } },
      {
        onSuccess: (saved) => {
          setDraft(saved.customFields);
          notifications.show({ color: 'green', message: t('contactExtras.fields.saved') });
        },
        onError: (err) => {
          if (!Object.keys(fieldErrors(err, t)).length) notifications.show({ color: 'red', message: errorMessage(err, t) });
        },
      },
    );
  return (
    <Stack gap={6} data-testid="custom-fields-editor">
      {fields.map((field) => {
        const common = {
          size,
          label: field.label,
          error: errors[`customFields.${field.key}`],
          'data-testid': `custom-field-${field.key}`,
        };
        const value = draft[field.key] ?? '';
        const set = (next: string) => setDraft((d) => ({ ...d, [field.key]: next }));
        if (field.type === 'choice')
          return (
            <Select
              key={field.id}
              {...common}
              data={field.options}
              value={value || null}
              placeholder={t('contactExtras.fields.choose')}
              clearable
              onChange={(v) => set(v ?? '')}
            />
          );
        return (
          <TextInput
            key={field.id}
            {...common}
            type={field.type === 'date' ? 'date' : 'text'}
            inputMode={field.type === 'number' ? 'decimal' : undefined}
            maxLength={500}
            value={value}
            onChange={(e) => set(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && dirty && save()}
          />
        );
      })}
      {dirty && (
        <Button size="xs" onClick={save} loading={update.isPending} data-testid="custom-fields-save">
          {t('contactExtras.fields.save')}
        </Button>
      )}
    </Stack>
  );
}
