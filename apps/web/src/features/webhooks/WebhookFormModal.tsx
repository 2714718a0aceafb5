import { useState } from 'react';
import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { webhookEvents, type WebhookEvent } from '@jimmy/contracts';
import { errorMessage, fieldErrors, hasFieldErrors } from '../../lib/errors.js';
import { useCreateWebhook } from './webhooksApi.js';

import type { webhooksPtBR } from './i18n.js';

/** i18next reads dots as nesting, so `message.received` is stored as `message_received`. */
export const eventLabelKey = (event: string) => `webhooks.events.${event.replace('.', '_') as keyof typeof webhooksPtBR.events}` as const;

/** Create a subscription, then show its secret once, with a copy button. */
export function WebhookFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['message.received', 'ticket.created', 'ticket.closed']);
  const [secret, setSecret] = useState<string | null>(null);
  const errors = fieldErrors(create.error, t);
  const close = () => {
    setSecret(null);
    setUrl('');
    setDescription('');
    create.reset();
    onClose();
  };
  const submit = () =>
    create.mutate(
      { url: url.trim(), events, ...(description.trim() && { description: description.trim() }) },
      { onSuccess: (created) => setSecret(created.secret) },
    );
  return (
    <Modal opened={opened} onClose={close} title={secret ? t('webhooks.secret.title') : t('webhooks.form.title')} size="lg">
      {secret ? (
        <Stack data-testid="webhook-secret">
          <Alert color="yellow" variant="light" icon={<IconKey size={18} />}>
            {t('webhooks.secret.text')}
          </Alert>
          <Group wrap="nowrap" gap="xs">
            <Code block style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="webhook-secret-value">
              {secret}
            </Code>
            <CopyButton value={secret} timeout={1500}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                  {copied ? t('webhooks.secret.copied') : t('webhooks.secret.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={close} data-testid="webhook-secret-done">
              {t('webhooks.secret.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <TextInput
            label={t('webhooks.form.url')}
            description={t('webhooks.form.urlHint')}
            placeholder="https://example.com/jimmy"
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            error={errors.url}
            required
            data-testid="webhook-url"
          />
          <TextInput
            label={t('webhooks.form.description')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errors.description}
          />
          <Checkbox.Group
            label={t('webhooks.form.events')}
            description={t('webhooks.form.eventsHint')}
            value={events}
            onChange={setEvents}
            error={errors.events}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="xs">
              {webhookEvents.map((event) => (
                <Checkbox key={event} value={event} label={t(eventLabelKey(event))} data-testid={`webhook-event-${event}`} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {create.isError && !hasFieldErrors(create.error) && (
            <Text c="red" size="sm">
              {errorMessage(create.error, t)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('webhooks.form.cancel')}
            </Button>
            <Button onClick={submit} loading={create.isPending} disabled={!url.trim() || events.length === 0} data-testid="webhook-save">
              {t('webhooks.form.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
