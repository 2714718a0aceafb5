import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconInfoCircle, IconLogout, IconPlugConnectedX, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '@jimmy/contracts';
import { LogoutConnectionModal } from './LogoutConnectionModal.js';
import { ConnectionHeader, connectionErrorMessage, describeLastError, useQrPermissions } from './parts.js';
import { GeneratingQr, QrPairingPanel } from './QrPairingPanel.js';
import { UnofficialWarning } from './UnofficialWarning.js';
import { useReconnectConnection } from './whatsappWebApi.js';

/** Details of a WhatsApp (QR code) connection: pair a phone, watch the session, reconnect or unlink. */
export function WhatsAppWebSetup({ connection, onDelete }: { connection: Connection; onDelete: () => void }) {
  const { canSeeQr, canManage } = useQrPermissions();
  useAnnounceConnected(connection);
  return (
    <Stack gap="lg">
      <ConnectionHeader connection={connection} />
      {/* Said once, where a number is about to be paired: the create form and this panel until it connects. */}
      {connection.status !== 'open' && <UnofficialWarning compact />}
      <SessionState connection={connection} canSeeQr={canSeeQr} />
      {canManage && <SessionActions connection={connection} onDelete={onDelete} />}
    </Stack>
  );
}

function SessionState({ connection: c, canSeeQr }: { connection: Connection; canSeeQr: boolean }) {
  const { t } = useTranslation();
  const pairing = c.status === 'connecting' || c.status === 'qr';
  if (pairing && !canSeeQr) {
    return (
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="wa-admins-only">
        {t('connections.web.adminsOnly')}
      </Alert>
    );
  }
  if (c.status === 'connecting') return <GeneratingQr />;
  if (c.status === 'qr') return <QrPairingPanel connection={c} />;
  if (c.status === 'open') return <ConnectedState connection={c} />;
  const loggedOut = c.status === 'logged_out';
  return (
    <Alert
      color={loggedOut ? 'orange' : 'red'}
      variant="light"
      icon={<IconPlugConnectedX size={18} />}
      title={t(loggedOut ? 'connections.web.loggedOutTitle' : 'connections.web.closedTitle')}
      data-testid="wa-disconnected"
      style={{ wordBreak: 'break-word' }}
    >
      <Stack gap={4}>
        <Text size="sm">{t(loggedOut ? 'connections.web.loggedOutText' : 'connections.web.closedText')}</Text>
        {c.lastError && (
          <Text size="sm" fw={600} data-testid="wa-last-error">
            {t('connections.lastError')}: {describeLastError(t, c.lastError)}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

function ConnectedState({ connection: c }: { connection: Connection }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="green"
      variant="light"
      icon={<IconCircleCheck size={18} />}
      title={t('connections.web.connectedTitle')}
      data-testid="wa-connected"
    >
      <Stack gap={4}>
        {c.displayPhoneNumber && (
          <Text size="sm" data-testid="wa-connected-number">
            {t('connections.number')}: <b>{c.displayPhoneNumber}</b>
          </Text>
        )}
        {c.profileName && (
          <Text size="sm" data-testid="wa-connected-profile">
            {t('connections.web.profileName')}: <b>{c.profileName}</b>
          </Text>
        )}
        <Text size="sm">{t('connections.web.connectedText')}</Text>
      </Stack>
    </Alert>
  );
}

function SessionActions({ connection: c, onDelete }: { connection: Connection; onDelete: () => void }) {
  const { t } = useTranslation();
  const reconnect = useReconnectConnection();
  const [confirmingLogout, setConfirmingLogout] = useState(false);
  const down = c.status === 'closed' || c.status === 'logged_out';

  const onReconnect = async () => {
    try {
      await reconnect.mutateAsync(c.id);
    } catch (err) {
      notifications.show({ color: 'red', title: t('common.error'), message: connectionErrorMessage(err, t) });
    }
  };

  return (
    <Group gap="xs">
      {/* A connected number has nothing to reconnect; offering it invites breaking a working session. */}
      {c.status !== 'open' && (
        <Button
          variant={down ? 'filled' : 'default'}
          leftSection={<IconRefresh size={18} />}
          loading={reconnect.isPending}
          onClick={() => void onReconnect()}
          data-testid="wa-reconnect"
        >
          {t(c.status === 'logged_out' ? 'connections.web.newQr' : 'connections.web.reconnect')}
        </Button>
      )}
      {c.status !== 'logged_out' && (
        <Button
          variant="light"
          color="orange"
          leftSection={<IconLogout size={18} />}
          onClick={() => setConfirmingLogout(true)}
          data-testid="wa-logout"
        >
          {t('connections.web.logout')}
        </Button>
      )}
      <Button variant="subtle" color="red" leftSection={<IconTrash size={18} />} onClick={onDelete} data-testid="wa-delete">
        {t('connections.delete')}
      </Button>
      <LogoutConnectionModal connection={c} opened={confirmingLogout} onClose={() => setConfirmingLogout(false)} />
    </Group>
  );
}

/** The moment the phone finishes linking deserves more than a badge changing colour. */
function useAnnounceConnected(connection: Connection) {
  const { t } = useTranslation();
  const previous = useRef(connection.status);
  useEffect(() => {
    const was = previous.current;
    previous.current = connection.status;
    if (connection.status === 'open' && (was === 'qr' || was === 'connecting')) {
      notifications.show({ color: 'green', title: t('connections.web.connectedTitle'), message: connection.name });
    }
  }, [connection.status, connection.name, t]);
}
