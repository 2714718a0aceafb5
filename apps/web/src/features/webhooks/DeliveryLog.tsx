import { useState } from 'react';
import { Alert, Badge, Button, Center, Code, Group, Loader, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconRepeat } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useDeliveries, useRedeliver } from './webhooksApi.js';

const stateColor = { pending: 'yellow', delivered: 'green', failed: 'red' } as const;

/** Newest first; a row opens to the request body and every attempt (status, response excerpt or error, latency). */
export function DeliveryLog({ subscriptionId }: { subscriptionId: number }) {
  const { t } = useTranslation();
  const log = useDeliveries(subscriptionId);
  if (log.isError) {
    return (
      <Alert color="red" variant="light">
        {errorMessage(log.error, t)}
      </Alert>
    );
  }
  if (!log.data) {
    return (
      <Center p="sm">
        <Loader size="sm" />
      </Center>
    );
  }
  if (log.data.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="webhook-log-empty">
        {t('webhooks.log.empty')}
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid="webhook-log">
      {log.data.map((delivery) => (
        <DeliveryRow key={delivery.id} delivery={delivery} />
      ))}
    </Stack>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const redeliver = useRedeliver();
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      data-testid={`webhook-delivery-${delivery.id}`}
      data-event={delivery.event}
      data-state={delivery.state}
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <UnstyledButton onClick={() => setOpen(!open)} style={{ flex: '1 1 240px', minWidth: 0 }} aria-expanded={open}>
          <Group gap="xs" wrap="wrap">
            {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            <Badge color={stateColor[delivery.state]} variant="light">
              {t(`webhooks.log.state.${delivery.state}`)}
            </Badge>
            <Text size="sm" fw={600}>
              {delivery.event}
            </Text>
            {delivery.lastStatus !== null && <Badge variant="outline">HTTP {delivery.lastStatus}</Badge>}
            {delivery.lastLatencyMs !== null && (
              <Text size="xs" c="dimmed">
                {delivery.lastLatencyMs} ms
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('webhooks.log.attempts', { count: delivery.attempts })} · {formatDateTime(delivery.createdAt, i18n.language)}
              {delivery.nextAttemptAt && delivery.attempts > 0
                ? ` · ${t('webhooks.log.nextAttempt', { when: formatDateTime(delivery.nextAttemptAt, i18n.language) })}`
                : ''}
            </Text>
          </Group>
        </UnstyledButton>
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconRepeat size={14} />}
          loading={redeliver.isPending}
          onClick={() =>
            redeliver.mutate(delivery.id, {
              onSuccess: () => notifications.show({ color: 'green', message: t('webhooks.log.redelivered') }),
              onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
            })
          }
          data-testid={`webhook-redeliver-${delivery.id}`}
        >
          {t('webhooks.log.redeliver')}
        </Button>
      </Group>
      {open && (
        <Stack gap="xs" mt="xs">
          <Text size="xs" c="dimmed">
            {t('webhooks.log.deliveryId')}: <Code>{delivery.deliveryId}</Code>
          </Text>
          <Text size="xs" fw={600}>
            {t('webhooks.log.request')}
          </Text>
          <Code block style={{ maxHeight: 200, overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {delivery.requestBody}
          </Code>
          {delivery.attemptLog.map((attempt) => (
            <Group key={attempt.attempt} gap="xs" wrap="wrap" align="flex-start">
              <Text size="xs" fw={600}>
                {t('webhooks.log.attempt', { n: attempt.attempt })}
              </Text>
              <Badge size="sm" color={attempt.responseStatus !== null && attempt.responseStatus < 300 ? 'green' : 'red'} variant="light">
                {attempt.responseStatus ?? t('webhooks.log.noResponse')}
              </Badge>
              <Text size="xs" c="dimmed">
                {attempt.latencyMs} ms · {formatDateTime(attempt.at, i18n.language)}
              </Text>
              {/* Rendered as text: a receiver's answer is never HTML here. */}
              <Text size="xs" style={{ flex: '1 1 100%', overflowWrap: 'anywhere' }}>
                {attempt.error ?? attempt.responseExcerpt}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
