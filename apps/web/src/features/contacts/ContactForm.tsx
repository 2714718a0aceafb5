import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { emailSchema, type Contact } from '@jimmy/contracts';
import { fieldErrors } from '../../lib/errors.js';
import { contactErrorMessage, useUpdateContact, type ContactPatch } from './contactsApi.js';
import { CustomFieldsEditor } from './CustomFieldsEditor.js';

interface Errors {
  name?: string;
  email?: string;
  phone?: string;
}

// Same rule as the server (updateContactRequestSchema), checked here to answer before the round trip.
const PHONE_PATTERN = /^\+?[0-9 ()-]{6,20}$/;

export function ContactForm({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const update = useUpdateContact();
  const [name, setName] = useState(contact.name);
  const [phone, setPhone] = useState(contact.phone ?? '');
  const [email, setEmail] = useState(contact.email ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const validate = (): Errors => {
    const out: Errors = {};
    if (!name.trim()) out.name = t('validation.required');
    if (email.trim() && !emailSchema.safeParse(email.trim()).success) out.email = t('validation.email');
    if (phone.trim() && !PHONE_PATTERN.test(phone.trim())) out.phone = t('contacts.newConversation.phoneInvalid');
    return out;
  };

  const applyServerErrors = (err: unknown) => {
    const byField = fieldErrors(err, t);
    const out: Errors = { name: byField.name, email: byField.email, phone: byField.phone };
    setErrors(out);
    const shown = out.name ?? out.email ?? out.phone;
    if (!shown) setFormError(contactErrorMessage(err, t));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;

    // Only what changed: '' is meaningful to the server (it clears email and phone).
    const patch: ContactPatch = {};
    if (name.trim() !== contact.name) patch.name = name.trim();
    if (phone.trim() !== (contact.phone ?? '')) patch.phone = phone.trim();
    if (email.trim() !== (contact.email ?? '')) patch.email = email.trim();
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
        {/* Typed by the company's definitions and saved on its own: see CustomFieldsEditor. */}
        <Text size="sm" fw={500}>
          {t('contacts.drawer.customFields')}
        </Text>
        <CustomFieldsEditor key={contact.id} contact={contact} />
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
