import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '@jimmy/contracts';
import { connectionErrorMessage } from './parts.js';
import { useLogoutConnection } from './whatsappWebApi.js';

/** Unlinking wipes the session on both ends, so it is confirmed first. */
export function LogoutConnectionModal({ connection, opened, onClose }: { connection: Connection; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const logout = useLogoutConnection();

  const onConfirm = async () => {
    try {
      await logout.mutateAsync(connection.id);
      notifications.show({
        color: 'brand',
        title: t('common.success'),
        message: t('connections.web.loggedOut', { name: connection.name }),
      });
      onClose();
    } catch (err) {
      notifications.show({ color: 'red', title: t('common.error'), message: connectionErrorMessage(err, t) });
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('connections.web.logoutTitle')} centered radius="lg">
      <Stack>
        <Text size="sm">{t('connections.web.logoutText', { name: connection.name })}</Text>
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} p="xs">
          {t('connections.web.logoutAfter')}
        </Alert>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" loading={logout.isPending} onClick={() => void onConfirm()} data-testid="wa-logout-confirm">
            {t('connections.web.logoutConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
