import { Button, Group, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '@jimmy/contracts';
import { connectionErrorMessage } from './parts.js';
import { useReconnectConnection } from './whatsappWebApi.js';

/** One line on the card saying where the pairing stands, or which phone is linked. */
export function WhatsAppWebSummary({ connection: c }: { connection: Connection }) {
  const { t } = useTranslation();
  if (c.status === 'open') {
    const who = [c.displayPhoneNumber, c.profileName].filter(Boolean).join(' · ');
    return (
      <Text size="sm" data-testid="connection-number">
        {who ? `${t('connections.number')}: ${who}` : t('connections.status.open')}
      </Text>
    );
  }
  if (c.status === 'connecting') {
    return (
      <Group gap={6} data-testid="connection-number">
        <Loader size={12} />
        <Text size="sm" c="dimmed">
          {t('connections.web.generating')}
        </Text>
      </Group>
    );
  }
  // A dropped session may still be linked to its phone: name the number when the server still knows it.
  const text =
    c.status === 'qr'
      ? t('connections.web.cardWaiting')
      : c.displayPhoneNumber
        ? `${t('connections.number')}: ${c.displayPhoneNumber}`
        : t('connections.web.cardNotPaired');
  return (
    <Text size="sm" c="dimmed" data-testid="connection-number">
      {text}
    </Text>
  );
}

/** A dropped or unlinked session is restarted from the card, which then opens the details to show the new QR. */
export function ReconnectCardButton({ connection: c, onStarted }: { connection: Connection; onStarted: () => void }) {
  const { t } = useTranslation();
  const reconnect = useReconnectConnection();
  if (c.status !== 'closed' && c.status !== 'logged_out') return null;

  const onClick = async () => {
    try {
      await reconnect.mutateAsync(c.id);
      onStarted();
    } catch (err) {
      notifications.show({ color: 'red', title: c.name, message: connectionErrorMessage(err, t) });
    }
  };

  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconRefresh size={16} />}
      loading={reconnect.isPending}
      onClick={() => void onClick()}
      data-testid={`connection-reconnect-${c.id}`}
    >
      {t(c.status === 'logged_out' ? 'connections.web.newQr' : 'connections.web.reconnect')}
    </Button>
  );
}
