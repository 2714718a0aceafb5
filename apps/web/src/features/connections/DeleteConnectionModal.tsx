import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '@jimmy/contracts';
import { useDeleteConnection } from './connectionsApi.js';
import { connectionErrorMessage } from './parts.js';

export function DeleteConnectionModal({ connection, onClose }: { connection: Connection | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteConnection();

  const onConfirm = async () => {
    if (!connection) return;
    try {
      await remove.mutateAsync(connection.id);
      notifications.show({ color: 'brand', title: t('common.success'), message: t('connections.deleted', { name: connection.name }) });
      onClose();
    } catch (err) {
      notifications.show({ color: 'red', title: t('common.error'), message: connectionErrorMessage(err, t) });
    }
  };

  return (
    <Modal opened={connection !== null} onClose={onClose} title={t('connections.deleteTitle')} centered radius="lg">
      {connection && (
        <Stack>
          <Text size="sm">{t('connections.deleteText', { name: connection.name })}</Text>
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} p="xs">
            {t('connections.deleteKeeps')}
          </Alert>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => void onConfirm()} data-testid="connection-delete-confirm">
              {t('connections.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
