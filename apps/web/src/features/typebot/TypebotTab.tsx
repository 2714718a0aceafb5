import { useState } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, PasswordInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TypebotSettings, UpdateTypebotSettingsRequest } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { typebotSettingsKey } from './typebotApi.js';

/** Integrações › Typebot (admins): where the company's published bot answers. The token is write-only. */
export function TypebotTab() {
  const { t } = useTranslation();
  const current = useQuery({
    queryKey: typebotSettingsKey,
    queryFn: ({ signal }) => api<TypebotSettings>('/api/settings/typebot', { signal }),
  });
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
  return <TypebotForm stored={current.data} />;
}

function TypebotForm({ stored }: { stored: TypebotSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const configured = stored.baseUrl !== '';
  const [baseUrl, setBaseUrl] = useState(configured ? stored.baseUrl : 'https://typebot.io');
  const [publicId, setPublicId] = useState(stored.publicId);
  const [apiToken, setApiToken] = useState('');
  const [enabled, setEnabled] = useState(configured ? stored.enabled : true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: UpdateTypebotSettingsRequest) => api<TypebotSettings>('/api/settings/typebot', { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(typebotSettingsKey, saved);
      // The console offers "Enviar para o Typebot" only while it is on.
      void queryClient.invalidateQueries({ queryKey: ['integrations', 'console'] });
    },
  });

  const submit = async (body: UpdateTypebotSettingsRequest) => {
    setErrors({});
    setFormError(null);
    try {
      await save.mutateAsync(body);
      setApiToken('');
      notifications.show({ color: 'brand', title: t('common.success'), message: t('settings.saved') });
    } catch (error) {
      setErrors(fieldErrors(error, t));
      setFormError(errorMessage(error, t));
    }
  };

  const base = { baseUrl: baseUrl.trim(), publicId: publicId.trim(), enabled };
  return (
    <Stack gap="md" maw={720}>
      <Text size="sm" c="dimmed">
        {t('typebot.intro')}
      </Text>
      <Switch
        label={t('typebot.enabled')}
        description={t('typebot.enabledHint')}
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
        data-testid="typebot-enabled"
      />
      <TextInput
        label={t('typebot.baseUrl')}
        description={t('typebot.baseUrlHint')}
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.currentTarget.value)}
        error={errors.baseUrl}
        data-testid="typebot-base-url"
      />
      <TextInput
        label={t('typebot.publicId')}
        description={t('typebot.publicIdHint')}
        value={publicId}
        onChange={(e) => setPublicId(e.currentTarget.value)}
        error={errors.publicId}
        maw={360}
        data-testid="typebot-public-id"
      />
      <PasswordInput
        label={t('typebot.apiToken')}
        description={stored.hasApiToken ? t('typebot.apiTokenStored') : t('typebot.apiTokenHint')}
        placeholder={stored.hasApiToken ? '••••••••' : ''}
        value={apiToken}
        onChange={(e) => setApiToken(e.currentTarget.value)}
        error={errors.apiToken}
        autoComplete="off"
        data-testid="typebot-token"
      />
      <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
        {t('typebot.howItEnds')}
      </Alert>
      {formError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="typebot-error">
          {formError}
        </Alert>
      )}
      <Group justify="space-between" gap="sm">
        <Group gap="xs">
          {stored.hasApiToken && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => void submit({ ...base, apiToken: null })}
              data-testid="typebot-remove-token"
            >
              {t('typebot.removeToken')}
            </Button>
          )}
        </Group>
        <Group gap="sm">
          {!configured && (
            <Badge color="gray" variant="light">
              {t('typebot.notConfigured')}
            </Badge>
          )}
          <Button
            leftSection={<IconDeviceFloppy size={18} />}
            loading={save.isPending}
            onClick={() => void submit({ ...base, ...(apiToken.trim() && { apiToken: apiToken.trim() }) })}
            data-testid="typebot-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
