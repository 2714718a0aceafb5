import { NumberInput, Select, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CompanySettingsResponse } from '@jimmy/contracts';
import { useQueueList } from '../queues/index.js';
import { useSectionForm } from './useSectionForm.js';

export function RoutingTab({ settings }: { settings: CompanySettingsResponse }) {
  const { t } = useTranslation();
  const { draft, patch, errors, footer } = useSectionForm('routing', settings);
  const queues = useQueueList();
  const text = (field: 'greeting' | 'menuPrompt' | 'invalidOptionMessage', label: string, hint: string) => (
    <Textarea
      label={label}
      description={hint}
      value={draft[field]}
      onChange={(e) => patch({ [field]: e.currentTarget.value })}
      error={errors[field]}
      autosize
      minRows={2}
      maxLength={1000}
      data-testid={`settings-routing-${field}`}
    />
  );
  return (
    <Stack gap="md" maw={720}>
      <Text size="sm" c="dimmed">
        {t('settings.routing.intro')}
      </Text>
      {text('greeting', t('settings.routing.greeting'), t('settings.routing.greetingHint'))}
      {text('menuPrompt', t('settings.routing.menuPrompt'), t('settings.routing.menuPromptHint'))}
      {text('invalidOptionMessage', t('settings.routing.invalidOption'), t('settings.routing.invalidOptionHint'))}
      <Select
        label={t('settings.routing.fallbackQueue')}
        description={t('settings.routing.fallbackQueueHint')}
        data={[
          { value: '', label: t('settings.routing.noFallback') },
          ...(queues.data ?? []).map((q) => ({ value: String(q.id), label: q.name })),
        ]}
        value={draft.fallbackQueueId === null ? '' : String(draft.fallbackQueueId)}
        onChange={(value) => patch({ fallbackQueueId: value ? Number(value) : null })}
        allowDeselect={false}
        error={errors.fallbackQueueId}
        disabled={queues.isPending}
        data-testid="settings-routing-fallback"
      />
      <NumberInput
        label={t('settings.routing.attempts')}
        description={t('settings.routing.attemptsHint')}
        value={draft.maxMenuAttempts}
        onChange={(value) => patch({ maxMenuAttempts: typeof value === 'number' ? value : Number(value) || 1 })}
        min={1}
        max={10}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="strict"
        error={errors.maxMenuAttempts}
        maw={240}
        data-testid="settings-routing-attempts"
      />
      <Switch
        label={t('settings.routing.unqueuedVisible')}
        description={t('settings.routing.unqueuedVisibleHint')}
        checked={draft.unqueuedVisibleToAgents}
        onChange={(e) => patch({ unqueuedVisibleToAgents: e.currentTarget.checked })}
        data-testid="settings-routing-unqueued"
      />
      {footer}
    </Stack>
  );
}
