import { useState } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Code, CopyButton, Group, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { apiScopes, type ApiScope } from '@jimmy/contracts';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { useCreateApiToken } from './apiTokensApi.js';

/** Name, scopes and an optional expiry date (the end of that day, in the admin's time zone). */
export function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (token: string, name: string) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['messages:send', 'messages:read']);
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async () => {
    setErrors({});
    setFormError(null);
    try {
      const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
      const created = await create.mutateAsync({ name, scopes, expiresAt });
      setName('');
      setExpires('');
      onCreated(created.token, created.apiToken.name);
    } catch (error) {
      setErrors(fieldErrors(error, t));
      setFormError(errorMessage(error, t));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('apiTokens.form.title')} centered size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <TextInput
            label={t('apiTokens.form.name')}
            placeholder={t('apiTokens.form.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
            data-testid="api-token-name"
          />
          <Checkbox.Group
            label={t('apiTokens.form.scopes')}
            description={t('apiTokens.form.scopesHint')}
            value={scopes}
            onChange={(value) => setScopes(value)}
            error={errors.scopes}
          >
            <Stack gap={6} mt="xs">
              {apiScopes.map((scope) => (
                <Checkbox
                  key={scope}
                  value={scope}
                  label={
                    <>
                      <Code>{scope}</Code> {t(`apiTokens.scopes.${scope}`)}
                    </>
                  }
                  data-testid={`api-token-scope-${scope}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <TextInput
            type="date"
            label={t('apiTokens.form.expires')}
            description={t('apiTokens.form.expiresHint')}
            value={expires}
            onChange={(e) => setExpires(e.currentTarget.value)}
            error={errors.expiresAt}
            maw={240}
            data-testid="api-token-expires"
          />
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="api-token-submit">
              {t('apiTokens.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The token, this once, with a copy button. */
export function TokenCreatedModal({ token, onClose }: { token: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={token !== null} onClose={onClose} title={t('apiTokens.created.title')} centered size="lg" closeOnClickOutside={false}>
      <Stack>
        <Text size="sm">{t('apiTokens.created.body')}</Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code style={{ flex: 1, wordBreak: 'break-all', padding: '6px 8px' }} data-testid="api-token-value">
            {token}
          </Code>
          <CopyButton value={token ?? ''} timeout={1500}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('apiTokens.copied') : t('apiTokens.copy')} withArrow>
                <ActionIcon
                  variant={copied ? 'filled' : 'light'}
                  color={copied ? 'green' : 'gray'}
                  size="lg"
                  onClick={copy}
                  aria-label={t('apiTokens.copy')}
                  data-testid="api-token-copy"
                >
                  {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="api-token-done">
            {t('apiTokens.created.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
