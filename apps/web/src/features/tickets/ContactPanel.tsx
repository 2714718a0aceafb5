import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Avatar,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { initials } from '../../lib/format.js';
import { useContact, useUpdateContact, type ContactPatch } from '../contacts/index.js';
import { EditableField } from './EditableField.js';
import { ContactHistory } from './ContactHistory.js';

/** bare: inside a drawer, which already draws the frame. */
export function ContactPanel({ ticket, bare = false }: { ticket: Ticket; bare?: boolean }) {
  const { t } = useTranslation();
  const contact = useContact(ticket.contact.id);
  const update = useUpdateContact();
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  const errors = fieldErrors(update.error, t);

  const save = (patch: ContactPatch) =>
    update.mutateAsync({ id: ticket.contact.id, patch }).catch((err: unknown) => {
      if (!Object.keys(fieldErrors(err, t)).length)
        notifications.show({ color: 'red', title: t('tickets.contact.saveFailed'), message: errorMessage(err, t) });
      throw err;
    });

  const fields = contact.data?.customFields ?? {};
  const addField = () => {
    const key = newKey.trim();
    if (!key) return;
    void save({ customFields: { ...fields, [key]: newValue.trim() } }).then(() => {
      setNewKey('');
      setNewValue('');
    });
  };
  const removeField = (key: string) => {
    const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== key));
    void save({ customFields: rest }).catch(() => undefined);
  };

  return (
    <Paper
      withBorder={!bare}
      radius={bare ? 0 : 'lg'}
      w={bare ? '100%' : 300}
      h={bare ? '100%' : undefined}
      style={{ flexShrink: 0, overflow: 'hidden' }}
      data-testid="contact-panel"
    >
      <ScrollArea h="100%">
        {contact.isPending ? (
          <Center p="xl">
            <Loader size="sm" />
          </Center>
        ) : contact.isError ? (
          <Alert m="sm" color="red" variant="light" title={t('tickets.contact.loadFailed')}>
            {errorMessage(contact.error, t)}
          </Alert>
        ) : (
          <Stack p="md" gap="sm">
            <Center>
              <Avatar src={contact.data.avatarUrl} size={64} radius="xl" color="brand">
                {initials(contact.data.name || '?')}
              </Avatar>
            </Center>
            <EditableField
              strong
              label={t('tickets.contact.name')}
              value={contact.data.name}
              placeholder={t('tickets.unknownContact')}
              onSave={(name) => save({ name })}
              error={errors.name}
              testId="contact-name"
            />
            <EditableField
              label={t('tickets.contact.phone')}
              value={contact.data.phone ?? ''}
              placeholder={t('tickets.contact.none')}
              onSave={(phone) => save({ phone })}
              error={errors.phone}
              testId="contact-phone"
            />
            <EditableField
              label={t('tickets.contact.email')}
              value={contact.data.email ?? ''}
              placeholder={t('tickets.contact.none')}
              onSave={(email) => save({ email })}
              error={errors.email}
              testId="contact-email"
            />
            <Divider label={t('tickets.contact.customFields')} labelPosition="left" />
            {Object.keys(fields).length === 0 && (
              <Text size="xs" c="dimmed">
                {t('tickets.contact.noCustomFields')}
              </Text>
            )}
            {Object.entries(fields).map(([key, value]) => (
              <Group key={key} gap="xs" wrap="nowrap" justify="space-between" data-testid={`contact-field-${key}`}>
                <Box style={{ minWidth: 0 }}>
                  <Text size="xs" c="dimmed" truncate="end">
                    {key}
                  </Text>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {value}
                  </Text>
                </Box>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="red"
                  onClick={() => removeField(key)}
                  aria-label={t('tickets.contact.removeField', { key })}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            <Group gap={4} wrap="nowrap" align="flex-end">
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                placeholder={t('tickets.contact.fieldKey')}
                aria-label={t('tickets.contact.fieldKey')}
                maxLength={60}
                value={newKey}
                onChange={(e) => setNewKey(e.currentTarget.value)}
                data-testid="contact-field-key"
              />
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                placeholder={t('tickets.contact.fieldValue')}
                aria-label={t('tickets.contact.fieldValue')}
                maxLength={500}
                value={newValue}
                onChange={(e) => setNewValue(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Enter' && addField()}
                data-testid="contact-field-value"
              />
              <ActionIcon
                size="md"
                variant="light"
                onClick={addField}
                disabled={!newKey.trim()}
                loading={update.isPending}
                aria-label={t('tickets.contact.addField')}
                data-testid="contact-field-add"
              >
                <IconPlus size={16} />
              </ActionIcon>
            </Group>
            <Divider />
            <Title order={6}>{t('tickets.history.title')}</Title>
            <ContactHistory contactId={ticket.contact.id} currentTicketId={ticket.id} />
            {update.isError && !Object.keys(errors).length && (
              <Button size="xs" variant="subtle" onClick={() => update.reset()}>
                {t('common.close')}
              </Button>
            )}
          </Stack>
        )}
      </ScrollArea>
    </Paper>
  );
}
