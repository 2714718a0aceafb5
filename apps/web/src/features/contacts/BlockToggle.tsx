import { useState } from 'react';
import { Badge, Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan } from '@tabler/icons-react';
import type { Contact } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useBlockContact } from './extrasApi.js';

export function BlockedBadge({ contact }: { contact: Pick<Contact, 'blockedAt'> }) {
  const { t } = useTranslation();
  if (!contact.blockedAt) return null;
  return (
    <Badge color="red" variant="filled" leftSection={<IconBan size={12} />} data-testid="contact-blocked-badge">
      {t('contactExtras.block.badge')}
    </Badge>
  );
}

/** Blocking closes live tickets, so it asks first; unblocking is harmless and immediate. */
export function BlockToggle({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const block = useBlockContact();
  const run = (next: boolean) =>
    block.mutate(
      { id: contact.id, block: next },
      {
        onSuccess: () => setConfirming(false),
        onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
      },
    );
  return (
    <>
      {contact.blockedAt ? (
        <Button size="xs" variant="light" onClick={() => run(false)} loading={block.isPending} data-testid="contact-unblock">
          {t('contactExtras.block.unblock')}
        </Button>
      ) : (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconBan size={14} />}
          onClick={() => setConfirming(true)}
          data-testid="contact-block"
        >
          {t('contactExtras.block.block')}
        </Button>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('contactExtras.block.confirmTitle', { name: contact.name })}>
        <Text size="sm">{t('contactExtras.block.confirmText')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('contactExtras.block.cancel')}
          </Button>
          <Button color="red" onClick={() => run(true)} loading={block.isPending} data-testid="contact-block-confirm">
            {t('contactExtras.block.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
