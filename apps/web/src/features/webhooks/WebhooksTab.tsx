import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconKey, IconPlus, IconSend, IconTrash, IconWebhook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscription } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { DeliveryLog } from './DeliveryLog.js';
import { eventLabelKey, WebhookFormModal } from './WebhookFormModal.js';
import { useDeleteWebhook, useRotateSecret, useSendTest, useUpdateWebhook, useWebhooks } from './webhooksApi.js';

/** Integrações → Webhooks: the company's outbound webhooks, their secrets and delivery logs. */
export function WebhooksTab() {
  const { t } = useTranslation();
  const list = useWebhooks();
  const [creating, setCreating] = useState(false);
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 280px' }}>
          <Text size="sm">{t('webhooks.intro')}</Text>
          <Anchor href="/api/docs" target="_blank" size="sm">
            {t('webhooks.docsLink')}
          </Anchor>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="webhook-add">
          {t('webhooks.add')}
        </Button>
      </Group>
      {list.isError ? (
        <Alert color="red" variant="light" title={t('webhooks.loadFailed')}>
          {errorMessage(list.error, t)}
        </Alert>
      ) : !list.data ? (
        <Center mih={120}>
          <Loader />
        </Center>
      ) : list.data.length === 0 ? (
        <Paper withBorder radius="md" p="lg" ta="center" data-testid="webhooks-empty">
          <Stack gap={4} align="center">
            <IconWebhook size={28} />
            <Text fw={600}>{t('webhooks.emptyTitle')}</Text>
            <Text size="sm" c="dimmed" maw={520}>
              {t('webhooks.emptyText')}
            </Text>
          </Stack>
        </Paper>
      ) : (
        list.data.map((subscription) => <SubscriptionCard key={subscription.id} subscription={subscription} />)
      )}
      <WebhookFormModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function SubscriptionCard({ subscription }: { subscription: WebhookSubscription }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateSecret();
  const test = useSendTest();
  const [showLog, setShowLog] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const failed = (err: unknown) => notifications.show({ color: 'red', title: t('webhooks.card.failed'), message: errorMessage(err, t) });
  return (
    <Paper withBorder radius="md" p="md" data-testid={`webhook-${subscription.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0, flex: '1 1 240px' }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {subscription.url}
            </Text>
            {subscription.description && (
              <Text size="sm" c="dimmed">
                {subscription.description}
              </Text>
            )}
          </Stack>
          <Switch
            label={t('webhooks.card.active')}
            checked={subscription.active}
            onChange={(event) => update.mutate({ id: subscription.id, active: event.currentTarget.checked }, { onError: failed })}
            data-testid={`webhook-active-${subscription.id}`}
          />
        </Group>
        <Group gap={4}>
          {subscription.events.map((event) => (
            <Badge key={event} variant="light" size="sm">
              {t(eventLabelKey(event))}
            </Badge>
          ))}
        </Group>
        {subscription.disabledReason === 'failing' && !subscription.active && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />}>
            {t('webhooks.card.disabledFailing')}
          </Alert>
        )}
        {subscription.active && subscription.failingSince && (
          <Text size="xs" c="red">
            {t('webhooks.card.failingSince', { when: formatDateTime(subscription.failingSince, i18n.language) })}
          </Text>
        )}
        {secret && (
          <Alert color="yellow" variant="light" icon={<IconKey size={16} />} withCloseButton onClose={() => setSecret(null)}>
            <Text size="sm">{t('webhooks.secret.text')}</Text>
            <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid={`webhook-new-secret-${subscription.id}`}>
              {secret}
            </Text>
          </Alert>
        )}
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} />}
            loading={test.isPending}
            disabled={!subscription.active}
            onClick={() =>
              test.mutate(subscription.id, {
                onSuccess: () => {
                  setShowLog(true);
                  notifications.show({ color: 'green', message: t('webhooks.card.testSent') });
                },
                onError: failed,
              })
            }
            data-testid={`webhook-test-${subscription.id}`}
          >
            {t('webhooks.card.test')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setShowLog(!showLog)} data-testid={`webhook-log-toggle-${subscription.id}`}>
            {showLog ? t('webhooks.card.hideLog') : t('webhooks.card.showLog')}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconKey size={14} />}
            loading={rotate.isPending}
            onClick={() =>
              window.confirm(t('webhooks.card.rotateConfirm')) &&
              rotate.mutate(subscription.id, { onSuccess: (rotated) => setSecret(rotated.secret), onError: failed })
            }
          >
            {t('webhooks.card.rotate')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} />}
            loading={remove.isPending}
            onClick={() => window.confirm(t('webhooks.card.removeConfirm')) && remove.mutate(subscription.id, { onError: failed })}
            data-testid={`webhook-remove-${subscription.id}`}
          >
            {t('webhooks.card.remove')}
          </Button>
        </Group>
        {showLog && <DeliveryLog subscriptionId={subscription.id} />}
      </Stack>
    </Paper>
  );
}
