import { useState } from 'react';
import { Alert, Badge, Button, Center, Divider, Group, Loader, PasswordInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconDeviceFloppy, IconPlugConnected } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AiSettings, SimulateAiResult, UpdateAiSettingsRequest } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { errorMessage, fieldErrors } from '../../lib/errors.js';

const aiKey = ['settings', 'ai'] as const;

/**
 * The company's OpenAI-compatible endpoint, used by the flows' AI nodes and the console's assist actions. The key is write-only:
 * the server answers whether one is stored, never the key itself.
 */
export function AiTab() {
  const { t } = useTranslation();
  const current = useQuery({ queryKey: aiKey, queryFn: ({ signal }) => api<AiSettings>('/api/settings/ai', { signal }) });
  if (current.isError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
        {errorMessage(current.error, t)}
      </Alert>
    );
  }
  if (!current.data) {
    return (
      <Center mih={160}>
        <Loader />
      </Center>
    );
  }
  return <AiForm stored={current.data} />;
}

function AiForm({ stored }: { stored: AiSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const configured = stored.baseUrl !== '';
  // Not configured yet: the form suggests OpenAI's defaults.
  const [baseUrl, setBaseUrl] = useState(configured ? stored.baseUrl : 'https://api.openai.com/v1');
  const [model, setModel] = useState(configured ? stored.model : 'gpt-4o-mini');
  const [apiKey, setApiKey] = useState('');
  // A new integration starts on; the console's actions follow the company's choice.
  const [enabled, setEnabled] = useState(configured ? stored.enabled : true);
  const [suggestReply, setSuggestReply] = useState(stored.suggestReply);
  const [summarize, setSummarize] = useState(stored.summarize);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: UpdateAiSettingsRequest) => api<AiSettings>('/api/settings/ai', { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(aiKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['integrations', 'console'] });
    },
  });
  const check = useMutation({
    mutationFn: () =>
      api<SimulateAiResult>('/api/flows/simulate/ai', {
        method: 'POST',
        body: { systemPrompt: 'Answer with one short word.', messages: [{ role: 'user', content: 'ping' }] },
      }),
  });

  const submit = async (body: UpdateAiSettingsRequest) => {
    setErrors({});
    setFormError(null);
    check.reset();
    try {
      await save.mutateAsync(body);
      setApiKey('');
      notifications.show({ color: 'brand', title: t('common.success'), message: t('settings.saved') });
    } catch (error) {
      setErrors(fieldErrors(error, t));
      setFormError(errorMessage(error, t));
    }
  };

  const hasKey = stored.hasApiKey;
  const switches = { enabled, suggestReply, summarize };
  const checked = check.data;
  return (
    <Stack gap="md" maw={720}>
      <Text size="sm" c="dimmed">
        {t('settings.ai.intro')}
      </Text>
      <Switch
        label={t('aiAssist.settings.enabled')}
        description={t('aiAssist.settings.enabledHint')}
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
        data-testid="settings-ai-enabled"
      />
      <TextInput
        label={t('settings.ai.baseUrl')}
        description={t('settings.ai.baseUrlHint')}
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.currentTarget.value)}
        error={errors.baseUrl}
        data-testid="settings-ai-base-url"
      />
      <TextInput
        label={t('settings.ai.model')}
        value={model}
        onChange={(e) => setModel(e.currentTarget.value)}
        error={errors.model}
        maw={360}
        data-testid="settings-ai-model"
      />
      <PasswordInput
        label={t('settings.ai.apiKey')}
        description={hasKey ? t('settings.ai.apiKeyStored') : t('settings.ai.apiKeyHint')}
        placeholder={hasKey ? '••••••••' : ''}
        value={apiKey}
        onChange={(e) => setApiKey(e.currentTarget.value)}
        error={errors.apiKey}
        autoComplete="off"
        data-testid="settings-ai-key"
      />
      <Divider label={t('aiAssist.settings.consoleTitle')} labelPosition="left" />
      <Switch
        label={t('aiAssist.settings.suggestReply')}
        description={t('aiAssist.settings.suggestReplyHint')}
        checked={suggestReply}
        disabled={!enabled}
        onChange={(e) => setSuggestReply(e.currentTarget.checked)}
        data-testid="settings-ai-suggest"
      />
      <Switch
        label={t('aiAssist.settings.summarize')}
        description={t('aiAssist.settings.summarizeHint')}
        checked={summarize}
        disabled={!enabled}
        onChange={(e) => setSummarize(e.currentTarget.checked)}
        data-testid="settings-ai-summarize"
      />
      <Text size="xs" c="dimmed">
        {t('aiAssist.settings.privacy')}
      </Text>
      {formError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="settings-ai-error">
          {formError}
        </Alert>
      )}
      {checked && (
        <Alert
          color={checked.ok ? 'brand' : 'red'}
          variant="light"
          icon={checked.ok ? <IconCheck size={18} /> : <IconAlertCircle size={18} />}
          data-testid="settings-ai-check-result"
          data-ok={checked.ok}
        >
          {/* The provider's words are shown as text, never as markup. */}
          {checked.ok
            ? t('settings.ai.checkOk', { answer: checked.text.slice(0, 200) })
            : t('settings.ai.checkFailed', { error: checked.error })}
        </Alert>
      )}
      {check.isError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
          {errorMessage(check.error, t)}
        </Alert>
      )}
      <Group justify="space-between" gap="sm">
        <Group gap="xs">
          {configured && (
            <Button
              variant="default"
              leftSection={<IconPlugConnected size={18} />}
              loading={check.isPending}
              onClick={() => check.mutate()}
              data-testid="settings-ai-check"
            >
              {t('settings.ai.check')}
            </Button>
          )}
          {hasKey && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => void submit({ baseUrl, model, apiKey: null, ...switches })}
              data-testid="settings-ai-remove-key"
            >
              {t('settings.ai.removeKey')}
            </Button>
          )}
        </Group>
        <Group gap="sm">
          {!configured && (
            <Badge color="gray" variant="light">
              {t('settings.ai.notConfigured')}
            </Badge>
          )}
          <Button
            leftSection={<IconDeviceFloppy size={18} />}
            loading={save.isPending}
            onClick={() => void submit({ baseUrl, model, ...switches, ...(apiKey.trim() && { apiKey: apiKey.trim() }) })}
            data-testid="settings-ai-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
