import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Queue } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { useDeleteQueue } from './queuesApi.js';

export function DeleteQueueModal({ queue, onClose }: { queue: Queue | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteQueue();
  const confirm = async () => {
    if (!queue) return;
    try {
      await remove.mutateAsync(queue.id);
      notifications.show({ color: 'brand', title: t('common.success'), message: t('queues.delete.done', { name: queue.name }) });
      onClose();
    } catch {
      // Shown below from the mutation's error.
    }
  };
  return (
    <Modal
      opened={queue !== null}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title={queue ? t('queues.delete.title', { name: queue.name }) : ''}
      centered
      radius="lg"
    >
      <Stack>
        <Text size="sm">{t('queues.delete.text')}</Text>
        {remove.isError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
            {errorMessage(remove.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => void confirm()} data-testid="queue-delete-confirm">
            {t('queues.delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
