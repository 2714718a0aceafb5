import { Group, MultiSelect, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { LeadActions } from '@jimmy/contracts';
import { useActionChoices } from './leadHooksApi.js';

const asId = (value: string | null) => (value ? Number(value) : null);

/** Tags for every lead, where the conversation goes (queue or flow, on a connection) and what it is told first. */
export function ActionsForm({
  actions,
  onChange,
  errors,
}: {
  actions: LeadActions;
  onChange: (a: LeadActions) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const choices = useActionChoices();
  // Three choices side by side do not fit a phone: stacked there.
  const phone = useMediaQuery('(max-width: 36em)');
  const set = (patch: Partial<LeadActions>) => onChange({ ...actions, ...patch });
  const template = actions.template;
  return (
    <Stack gap="sm">
      <Title order={4}>{t('leadHooks.actionsTitle')}</Title>
      <MultiSelect
        label={t('leadHooks.fixedTags')}
        data={(choices.tags.data ?? []).map((tag) => ({ value: String(tag.id), label: tag.name }))}
        value={actions.tagIds.map(String)}
        onChange={(values) => set({ tagIds: values.map(Number) })}
        searchable
        error={errors['actions.tagIds']}
        maw={520}
        data-testid="lead-actions-tags"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('leadHooks.route')}
        </Text>
        <SegmentedControl
          value={actions.route}
          onChange={(value) => set({ route: value })}
          data={(['none', 'queue', 'flow'] as const).map((value) => ({ value, label: t(`leadHooks.routes.${value}`) }))}
          orientation={phone ? 'vertical' : 'horizontal'}
          fullWidth={phone}
          style={phone ? undefined : { alignSelf: 'flex-start' }}
          data-testid="lead-actions-route"
        />
        {errors['actions.route'] && (
          <Text size="xs" c="red">
            {errors['actions.route']}
          </Text>
        )}
      </Stack>
      {actions.route !== 'none' && (
        <Group gap="sm" align="flex-start" wrap="wrap">
          <Select
            label={t('leadHooks.connection')}
            data={(choices.connections.data ?? []).filter((c) => c.type !== 'webchat').map((c) => ({ value: String(c.id), label: c.name }))}
            value={actions.connectionId === null ? null : String(actions.connectionId)}
            onChange={(value) => set({ connectionId: asId(value) })}
            error={errors['actions.connectionId']}
            w={{ base: '100%', xs: 260 }}
            data-testid="lead-actions-connection"
          />
          {actions.route === 'queue' ? (
            <Select
              label={t('leadHooks.queue')}
              data={(choices.queues.data ?? []).map((q) => ({ value: String(q.id), label: q.name }))}
              value={actions.queueId === null ? null : String(actions.queueId)}
              onChange={(value) => set({ queueId: asId(value) })}
              error={errors['actions.queueId']}
              w={{ base: '100%', xs: 260 }}
              data-testid="lead-actions-queue"
            />
          ) : (
            <Select
              label={t('leadHooks.flow')}
              data={(choices.flows.data ?? []).map((f) => ({
                value: String(f.id),
                label: f.publishedVersion === null ? t('leadHooks.flowUnpublished', { name: f.name }) : f.name,
                disabled: f.publishedVersion === null,
              }))}
              value={actions.flowId === null ? null : String(actions.flowId)}
              onChange={(value) => set({ flowId: asId(value) })}
              error={errors['actions.flowId']}
              w={{ base: '100%', xs: 260 }}
              data-testid="lead-actions-flow"
            />
          )}
        </Group>
      )}
      {actions.route !== 'none' && (
        <>
          <Textarea
            label={t('leadHooks.firstMessage')}
            description={t('leadHooks.firstMessageHint', { name: '{{name}}' })}
            value={actions.firstMessage ?? ''}
            onChange={(e) => set({ firstMessage: e.currentTarget.value || null })}
            autosize
            minRows={2}
            maw={620}
            error={errors['actions.firstMessage']}
            data-testid="lead-actions-message"
          />
          <Group gap="sm" wrap="wrap">
            <TextInput
              label={t('leadHooks.templateName')}
              value={template?.name ?? ''}
              onChange={(e) => {
                const name = e.currentTarget.value;
                set({ template: name ? { name, language: template?.language ?? 'pt_BR', components: template?.components ?? [] } : null });
              }}
              w={{ base: '100%', xs: 260 }}
              data-testid="lead-actions-template"
            />
            <TextInput
              label={t('leadHooks.templateLanguage')}
              value={template?.language ?? 'pt_BR'}
              disabled={!template}
              onChange={(e) => template && set({ template: { ...template, language: e.currentTarget.value } })}
              w={160}
            />
          </Group>
        </>
      )}
    </Stack>
  );
}
