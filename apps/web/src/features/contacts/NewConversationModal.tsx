import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors.js';
import { useConnections } from '../connections/index.js';
import { contactErrorMessage, useStartConversation } from './contactsApi.js';

// The server's rule for POST /api/tickets; the digit count keeps "+55 (11)" from passing as a number.
const PHONE_PATTERN = /^\+?[0-9 ()-]{8,20}$/;
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

export function NewConversationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('contacts.newConversation.title')} centered radius="lg" size="md">
      {opened && <NewConversationForm onDone={onClose} />}
    </Modal>
  );
}

interface Errors {
  connectionId?: string;
  phone?: string;
  name?: string;
}

function NewConversationForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const connections = useConnections();
  const start = useStartConversation();
  // Both WhatsApp kinds can start a conversation; only the Cloud API insists on a template first.
  const cloud = (connections.data ?? []).filter((c) => c.type === 'whatsapp_cloud' || c.type === 'whatsapp_web');
  const [picked, setPicked] = useState('');
  const [phone, setPhone] = useState('+55 ');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // With one number there is nothing to choose; default to it rather than make the user pick.
  const connectionId = picked || (cloud[0] ? String(cloud[0].id) : '');

  const validate = (): Errors => {
    const out: Errors = {};
    if (!connectionId) out.connectionId = t('validation.required');
    const digits = phone.replace(/\D/g, '').length;
    if (!PHONE_PATTERN.test(phone.trim()) || digits < MIN_DIGITS || digits > MAX_DIGITS)
      out.phone = t('contacts.newConversation.phoneInvalid');
    return out;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    try {
      const ticket = await start.mutateAsync({
        connectionId: Number(connectionId),
        phone: phone.trim(),
        ...(name.trim() && { name: name.trim() }),
      });
      notifications.show({
        color: 'brand',
        title: t('common.success'),
        message: t('contacts.newConversation.started', { name: ticket.contact.name }),
      });
      onDone();
      void navigate(`/tickets/${ticket.id}`);
    } catch (err) {
      const byField = fieldErrors(err, t);
      const out: Errors = { connectionId: byField.connectionId, phone: byField.phone, name: byField.name };
      setErrors(out);
      if (!out.connectionId && !out.phone && !out.name) setFormError(contactErrorMessage(err, t));
    }
  };

  const noConnections = connections.isSuccess && cloud.length === 0;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {cloud.find((c) => String(c.id) === connectionId)?.type !== 'whatsapp_web' && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} p="sm">
            {t('contacts.newConversation.templateNote')}
          </Alert>
        )}
        {noConnections ? (
          <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />} data-testid="new-conversation-no-connections">
            {t('contacts.newConversation.noConnections')}
          </Alert>
        ) : (
          <NativeSelect
            label={t('contacts.newConversation.connection')}
            description={t('contacts.newConversation.connectionHint')}
            data={cloud.map((c) => ({ value: String(c.id), label: c.displayPhoneNumber ? `${c.name} (${c.displayPhoneNumber})` : c.name }))}
            value={connectionId}
            onChange={(e) => setPicked(e.currentTarget.value)}
            disabled={connections.isPending}
            error={errors.connectionId ?? (connections.isError ? contactErrorMessage(connections.error, t) : undefined)}
            withAsterisk
            data-testid="new-conversation-connection"
          />
        )}
        <TextInput
          label={t('contacts.newConversation.phone')}
          description={t('contacts.newConversation.phoneHint')}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={errors.phone}
          withAsterisk
          data-autofocus
          data-testid="new-conversation-phone"
        />
        <TextInput
          label={t('contacts.newConversation.name')}
          description={t('contacts.newConversation.nameHint')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          maxLength={120}
          data-testid="new-conversation-name"
        />
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="new-conversation-error">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={start.isPending} disabled={noConnections} data-testid="new-conversation-submit">
            {t('contacts.newConversation.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
