import { useMemo, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Ticket } from '@jimmy/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { sendTemplate, useTemplates, type WhatsAppTemplate } from './ticketsApi.js';
import { upsertMessage } from './ticketsCache.js';

function bodyText(template: WhatsAppTemplate | undefined): string {
  return template?.components.find((c) => c.type.toUpperCase() === 'BODY')?.text ?? '';
}

/** Placeholder numbers in order of first appearance: "{{1}} ... {{2}}" → [1, 2]. */
function placeholders(text: string): number[] {
  const found = new Set<number>();
  for (const m of text.matchAll(/\{\{\s*(\d+)\s*\}\}/g)) found.add(Number(m[1]));
  return [...found].sort((a, b) => a - b);
}

/** The parent gives each opening a new key, so a reopened dialog starts empty. */
export function TemplateDialog({ ticket, opened, onClose }: { ticket: Ticket; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const templates = useTemplates(ticket.connectionId, opened);
  const [selected, setSelected] = useState<string | null>(null);
  const [params, setParams] = useState<Record<number, string>>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const usable = useMemo(() => (templates.data ?? []).filter((tpl) => tpl.status.toUpperCase() === 'APPROVED'), [templates.data]);
  const keyOf = (tpl: WhatsAppTemplate) => `${tpl.name}::${tpl.language}`;
  const template = usable.find((tpl) => keyOf(tpl) === selected);
  const body = bodyText(template);
  const slots = placeholders(body);
  const preview = body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => params[Number(n)]?.trim() || whole);
  const complete = slots.every((n) => params[n]?.trim());

  const send = async () => {
    if (!template || !complete) return;
    setSending(true);
    setError(null);
    try {
      const components = slots.length
        ? [{ type: 'body', parameters: slots.map((n) => ({ type: 'text', text: params[n]!.trim() })) }]
        : undefined;
      const message = await sendTemplate(ticket.id, {
        name: template.name,
        language: template.language,
        ...(components ? { components } : {}),
        preview,
      });
      upsertMessage(qc, ticket.id, message, { fromResponse: true });
      notifications.show({ color: 'brand', message: t('tickets.template.sent') });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('tickets.template.title')} centered size="lg" data-testid="template-dialog">
      {templates.isPending ? (
        <Center p="lg">
          <Loader size="sm" />
        </Center>
      ) : templates.isError ? (
        <Alert color="red" variant="light" title={t('tickets.template.loadFailed')} data-testid="template-error">
          {errorMessage(templates.error, t)}{' '}
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => void templates.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : usable.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="template-empty">
          {t('tickets.template.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Select
            label={t('tickets.template.pick')}
            searchable
            data={usable.map((tpl) => ({ value: keyOf(tpl), label: `${tpl.name} (${tpl.language})` }))}
            value={selected}
            onChange={(v) => {
              setSelected(v);
              setParams({});
            }}
            data-testid="template-select"
          />
          {slots.map((n) => (
            <TextInput
              key={n}
              label={t('tickets.template.param', { n })}
              value={params[n] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setParams((p) => ({ ...p, [n]: value }));
              }}
              data-testid={`template-param-${n}`}
            />
          ))}
          {template && (
            <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-brand-light)">
              <Text size="xs" c="dimmed" mb={4}>
                {t('tickets.template.preview')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="template-preview">
                {preview || t('tickets.template.noBody')}
              </Text>
            </Paper>
          )}
          {error !== null && (
            <Alert color="red" variant="light">
              {errorMessage(error, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void send()} disabled={!template || !complete} loading={sending} data-testid="template-send">
              {t('tickets.template.send')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
