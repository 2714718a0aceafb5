import { Alert, Avatar, Button, Center, Divider, Group, Loader, Paper, ScrollArea, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { initials } from '../../lib/format.js';
import {
  BlockedBadge,
  BlockToggle,
  ContactTagsEditor,
  CustomFieldsEditor,
  useContact,
  useUpdateContact,
  type ContactPatch,
} from '../contacts/index.js';
import { TicketScheduled } from '../scheduled/index.js';
import { FlowRunsButton } from '../flow-runs/index.js';
import { EditableField } from './EditableField.js';
import { ContactHistory } from './ContactHistory.js';
import { TicketTimeline } from './TicketTimeline.js';

/** bare: inside a drawer, which already draws the frame. */
export function ContactPanel({ ticket, bare = false }: { ticket: Ticket; bare?: boolean }) {
  const { t } = useTranslation();
  const contact = useContact(ticket.contact.id);
  const update = useUpdateContact();
  const errors = fieldErrors(update.error, t);

  const save = (patch: ContactPatch) =>
    update.mutateAsync({ id: ticket.contact.id, patch }).catch((err: unknown) => {
      if (!Object.keys(fieldErrors(err, t)).length)
        notifications.show({ color: 'red', title: t('tickets.contact.saveFailed'), message: errorMessage(err, t) });
      throw err;
    });

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
            <Divider label={t('contactExtras.tags.title')} labelPosition="left" />
            <ContactTagsEditor contact={contact.data} />
            <Divider label={t('tickets.contact.customFields')} labelPosition="left" />
            <CustomFieldsEditor key={contact.data.id} contact={contact.data} size="xs" />
            <Group justify="space-between">
              <BlockedBadge contact={contact.data} />
              <BlockToggle contact={contact.data} />
            </Group>
            <Divider />
            <TicketScheduled ticket={ticket} />
            <Divider />
            <Title order={6}>{t('timeline.title')}</Title>
            <TicketTimeline ticket={ticket} />
            <FlowRunsButton ticket={ticket} />
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
