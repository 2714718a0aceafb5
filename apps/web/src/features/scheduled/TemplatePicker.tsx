import { useMemo, useState } from 'react';
import { Alert, Center, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useTemplates, type TemplateInput, type WhatsAppTemplate } from './scheduledApi.js';

export interface PickedTemplate {
  template: TemplateInput;
  /** The body with its variables filled in: what the conversation shows. */
  preview: string;
  complete: boolean;
}

const keyOf = (tpl: { name: string; language: string }) => `${tpl.name}::${tpl.language}`;
const bodyOf = (tpl: WhatsAppTemplate | undefined) => tpl?.components.find((c) => c.type.toUpperCase() === 'BODY')?.text ?? '';

function placeholders(text: string): number[] {
  const found = new Set<number>();
  for (const m of text.matchAll(/\{\{\s*(\d+)\s*\}\}/g)) found.add(Number(m[1]));
  return [...found].sort((a, b) => a - b);
}

/** An approved template and its variables; reports the choice as the API's `template` plus a preview. */
export function TemplatePicker({
  connectionId,
  initial,
  error,
  onChange,
}: {
  connectionId: number;
  initial: TemplateInput | null;
  error?: string | undefined;
  onChange: (picked: PickedTemplate | null) => void;
}) {
  const { t } = useTranslation();
  const templates = useTemplates(connectionId, true);
  const [selected, setSelected] = useState<string | null>(initial ? keyOf(initial) : null);
  const [params, setParams] = useState<Record<number, string>>(() => {
    const first = initial?.components[0] as { parameters?: { text?: string }[] } | undefined;
    return Object.fromEntries((first?.parameters ?? []).map((p, i) => [i + 1, p.text ?? '']));
  });
  const usable = useMemo(() => (templates.data ?? []).filter((tpl) => tpl.status.toUpperCase() === 'APPROVED'), [templates.data]);
  const template = usable.find((tpl) => keyOf(tpl) === selected);
  const body = bodyOf(template);
  const slots = placeholders(body);
  const preview = body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => params[Number(n)]?.trim() || whole);

  const report = (tpl: WhatsAppTemplate | undefined, values: Record<number, string>) => {
    if (!tpl) return onChange(null);
    const text = bodyOf(tpl);
    const numbers = placeholders(text);
    const components = numbers.length
      ? [{ type: 'body', parameters: numbers.map((n) => ({ type: 'text', text: values[n]?.trim() ?? '' })) }]
      : [];
    onChange({
      template: { name: tpl.name, language: tpl.language, components },
      preview: text.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => values[Number(n)]?.trim() || whole) || tpl.name,
      complete: numbers.every((n) => values[n]?.trim()),
    });
  };

  if (templates.isPending)
    return (
      <Center p="sm">
        <Loader size="sm" />
      </Center>
    );
  if (templates.isError)
    return (
      <Alert color="red" variant="light" title={t('scheduled.template.loadFailed')}>
        {errorMessage(templates.error, t)}
      </Alert>
    );
  if (usable.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="schedule-template-empty">
        {t('scheduled.template.empty')}
      </Text>
    );
  return (
    <Stack gap="xs">
      <Select
        label={t('scheduled.template.pick')}
        searchable
        data={usable.map((tpl) => ({ value: keyOf(tpl), label: `${tpl.name} (${tpl.language})` }))}
        value={selected}
        error={error}
        onChange={(value) => {
          setSelected(value);
          setParams({});
          report(
            usable.find((tpl) => keyOf(tpl) === value),
            {},
          );
        }}
        data-testid="schedule-template"
      />
      {slots.map((n) => (
        <TextInput
          key={n}
          label={t('scheduled.template.param', { n })}
          value={params[n] ?? ''}
          onChange={(e) => {
            const next = { ...params, [n]: e.currentTarget.value };
            setParams(next);
            report(template, next);
          }}
        />
      ))}
      {template && (
        <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-brand-light)">
          <Text size="xs" c="dimmed" mb={4}>
            {t('scheduled.template.preview')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {preview}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
