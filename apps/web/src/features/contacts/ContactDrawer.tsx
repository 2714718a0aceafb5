import { Alert, Avatar, Button, Divider, Drawer, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime, initials } from '../../lib/format.js';
import { useContact } from './contactsApi.js';
import { ContactForm } from './ContactForm.js';
import { useCurrentUser } from '../auth/index.js';
import { BlockedBadge, BlockToggle } from './BlockToggle.js';
import { ContactAdminActions } from './ContactAdminActions.js';
import { ContactTagsEditor } from './ContactTagsEditor.js';
import { ContactTimeline } from './ContactTimeline.js';

export function ContactDrawer({ contactId, onClose }: { contactId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer opened={contactId !== null} onClose={onClose} position="right" size="lg" title={t('contacts.drawer.title')}>
      {contactId !== null && <ContactDetails key={contactId} contactId={contactId} />}
    </Drawer>
  );
}

function ContactDetails({ contactId }: { contactId: number }) {
  const { t, i18n } = useTranslation();
  const contact = useContact(contactId);
  const user = useCurrentUser();

  if (contact.isPending) {
    return (
      <Stack data-testid="contact-drawer" aria-busy>
        <Skeleton height={48} radius="md" />
        <Skeleton height={36} radius="md" />
        <Skeleton height={36} radius="md" />
        <Skeleton height={36} radius="md" />
      </Stack>
    );
  }
  if (contact.isError) {
    return (
      <Alert
        data-testid="contact-drawer"
        color="red"
        variant="light"
        icon={<IconAlertCircle size={18} />}
        title={t('contacts.drawer.loadFailed')}
      >
        {errorMessage(contact.error, t)}{' '}
        <Button variant="subtle" size="compact-sm" color="red" onClick={() => void contact.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }

  const c = contact.data;
  return (
    <Stack gap="lg" data-testid="contact-drawer" data-contact-id={c.id}>
      <Group gap="md" wrap="nowrap">
        <Avatar src={c.avatarUrl} color="brand" radius="xl" size={48}>
          {initials(c.name)}
        </Avatar>
        <Stack gap={0} miw={0}>
          <Group gap="xs">
            <Title order={4} style={{ wordBreak: 'break-word' }}>
              {c.name}
            </Title>
            <BlockedBadge contact={c} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('contacts.drawer.since', { date: formatDateTime(c.createdAt, i18n.language) })}
            {c.waId && ` · ${t('contacts.drawer.whatsappId')}: ${c.waId}`}
          </Text>
        </Stack>
      </Group>
      {/* Keyed by id only: a save updates the cached contact, which must not wipe what the user keeps typing. */}
      <ContactForm key={c.id} contact={c} />
      <Divider label={t('contactExtras.tags.title')} labelPosition="left" />
      <ContactTagsEditor contact={c} />
      <Group>
        <BlockToggle contact={c} />
      </Group>
      <ContactAdminActions contact={c} role={user.role} />
      <Divider label={t('contactExtras.timeline.title')} labelPosition="left" />
      <ContactTimeline contactId={c.id} />
    </Stack>
  );
}
