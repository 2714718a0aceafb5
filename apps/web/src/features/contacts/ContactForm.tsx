import { useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Button, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { emailSchema, type Contact } from '@jimmy/contracts';
import { fieldErrors } from '../../lib/errors.js';
import { contactErrorMessage, useUpdateContact, type ContactPatch } from './contactsApi.js';

interface FieldRow {
  /** Stable React key: the field name itself is being edited. */
  rowId: number;
  key: string;
  value: string;
}

interface Errors {
  name?: string;
  email?: string;
  phone?: string;
  customFields?: string;
  rows?: Record<number, string>;
}

// Same rule as the server (updateContactRequestSchema), checked here to answer before the round trip.
const PHONE_PATTERN = /^\+?[0-9 ()-]{6,20}$/;
let nextRowId = 1;

function toRows(fields: Record<string, string>): FieldRow[] {
  return Object.entries(fields).map(([key, value]) => ({ rowId: nextRowId++, key, value }));
}

function sameFields(a: Record<string, string>, b: Record<string, string>): boolean {
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => b[k] === a[k]);
}

export function ContactForm({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const update = useUpdateContact();
  const [name, setName] = useState(contact.name);
  const [phone, setPhone] = useState(contact.phone ?? '');
  const [email, setEmail] = useState(contact.email ?? '');
  const [rows, setRows] = useState<FieldRow[]>(() => toRows(contact.customFields));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const validate = (): Errors => {
    const out: Errors = {};
    if (!name.trim()) out.name = t('validation.required');
    if (email.trim() && !emailSchema.safeParse(email.trim()).success) out.email = t('validation.email');
    if (phone.trim() && !PHONE_PATTERN.test(phone.trim())) out.phone = t('contacts.newConversation.phoneInvalid');
    const seen = new Set<string>();
    const rowErrors: Record<number, string> = {};
    for (const row of rows) {
      const key = row.key.trim();
      if (!key) rowErrors[row.rowId] = t('contacts.drawer.keyRequired');
      else if (seen.has(key)) rowErrors[row.rowId] = t('contacts.drawer.duplicateKey');
      seen.add(key);
    }
    if (Object.keys(rowErrors).length > 0) out.rows = rowErrors;
    return out;
  };

  const applyServerErrors = (err: unknown) => {
    const byField = fieldErrors(err, t);
    const out: Errors = { name: byField.name, email: byField.email, phone: byField.phone, customFields: byField.customFields };
    // Custom field errors come back as "customFields.<key>"; put each on the row with that key.
    const rowErrors: Record<number, string> = {};
    for (const [path, message] of Object.entries(byField)) {
      if (!path.startsWith('customFields.')) continue;
      const row = rows.find((r) => r.key.trim() === path.slice('customFields.'.length));
      if (row) rowErrors[row.rowId] = message;
      else out.customFields = message;
    }
    if (Object.keys(rowErrors).length > 0) out.rows = rowErrors;
    setErrors(out);
    const shown = out.name ?? out.email ?? out.phone ?? out.customFields ?? out.rows;
    if (!shown) setFormError(contactErrorMessage(err, t));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;

    const customFields = Object.fromEntries(rows.map((r) => [r.key.trim(), r.value]));
    // Only what changed: '' is meaningful to the server (it clears email and phone).
    const patch: ContactPatch = {};
    if (name.trim() !== contact.name) patch.name = name.trim();
    if (phone.trim() !== (contact.phone ?? '')) patch.phone = phone.trim();
    if (email.trim() !== (contact.email ?? '')) patch.email = email.trim();
    if (!sameFields(customFields, contact.customFields)) patch.customFields = customFields;
    if (Object.keys(patch).length === 0) {
      notifications.show({ color: 'gray', message: t('contacts.drawer.unchanged') });
      return;
    }
    try {
      const saved = await update.mutateAsync({ id: contact.id, patch });
      notifications.show({ color: 'brand', title: t('common.success'), message: t('contacts.drawer.saved', { name: saved.name }) });
    } catch (err) {
      applyServerErrors(err);
    }
  };

  const setRow = (rowId: number, patch: Partial<FieldRow>) => setRows((rs) => rs.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)));

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('contacts.drawer.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          withAsterisk
          maxLength={120}
          data-testid="contact-form-name"
        />
        <TextInput
          label={t('contacts.drawer.phone')}
          description={t('contacts.drawer.phoneHint')}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={errors.phone}
          data-testid="contact-form-phone"
        />
        <TextInput
          label={t('contacts.drawer.email')}
          description={t('contacts.drawer.emailHint')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          data-testid="contact-form-email"
        />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('contacts.drawer.customFields')}
          </Text>
          <Text size="xs" c="dimmed" mt={-4}>
            {t('contacts.drawer.customFieldsHint')}
          </Text>
          {rows.length === 0 && (
            <Text size="xs" c="dimmed" fs="italic">
              {t('contacts.drawer.noCustomFields')}
            </Text>
          )}
          {rows.map((row) => (
            <Group key={row.rowId} gap="xs" align="flex-start" wrap="nowrap" data-testid="contact-custom-field">
              <TextInput
                style={{ flex: 2 }}
                placeholder={t('contacts.drawer.fieldKey')}
                aria-label={t('contacts.drawer.fieldKey')}
                value={row.key}
                maxLength={60}
                onChange={(e) => setRow(row.rowId, { key: e.currentTarget.value })}
                error={errors.rows?.[row.rowId]}
                data-testid="contact-custom-field-key"
              />
              <TextInput
                style={{ flex: 3 }}
                placeholder={t('contacts.drawer.fieldValue')}
                aria-label={t('contacts.drawer.fieldValue')}
                value={row.value}
                maxLength={500}
                onChange={(e) => setRow(row.rowId, { value: e.currentTarget.value })}
                data-testid="contact-custom-field-value"
              />
              <Tooltip label={t('contacts.drawer.removeField')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  onClick={() => setRows((rs) => rs.filter((r) => r.rowId !== row.rowId))}
                  aria-label={t('contacts.drawer.removeField')}
                  data-testid="contact-custom-field-remove"
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          {errors.customFields && (
            <Text size="xs" c="red">
              {errors.customFields}
            </Text>
          )}
          <Group>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPlus size={16} />}
              onClick={() => setRows((rs) => [...rs, { rowId: nextRowId++, key: '', value: '' }])}
              data-testid="contact-custom-field-add"
            >
              {t('contacts.drawer.addField')}
            </Button>
          </Group>
        </Stack>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
            {formError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} data-testid="contact-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
