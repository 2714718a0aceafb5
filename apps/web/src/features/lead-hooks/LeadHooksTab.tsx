import { useState } from 'react';
import { Alert, Badge, Button, Card, Center, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconForms, IconPlus, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LeadHook } from '@jimmy/contracts';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { CopyField } from '../../components/CopyField.js';
import { HookEditor } from './HookEditor.js';
import { hookUrl } from './hookUrl.js';
import { useCreateLeadHook, useLeadHooks } from './leadHooksApi.js';

/** Integrações → Formulários: the company's inbound lead webhooks, then one hook's settings and log. */
export function LeadHooksTab() {
  const { t } = useTranslation();
  const hooks = useLeadHooks();
  const [openId, setOpenId] = useState<number | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const open = hooks.data?.find((h) => h.id === openId);
  if (hooks.isError)
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
        {errorMessage(hooks.error, t)}
      </Alert>
    );
  if (!hooks.data)
    return (
      <Center mih={160}>
        <Loader />
      </Center>
    );
  if (open)
    return (
      <HookEditor
        hook={open}
        secret={secret}
        onSecret={setSecret}
        onBack={() => {
          setOpenId(null);
          setSecret(null);
        }}
      />
    );
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={820}>
        {t('leadHooks.intro')}
      </Text>
      <CreateHook
        onCreated={(hook) => {
          setSecret(hook.secret);
          setOpenId(hook.id);
        }}
      />
      {hooks.data.length === 0 ? (
        <Card withBorder radius="md" p="lg" data-testid="lead-hooks-empty">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconForms size={22} />
            <Text size="sm">{t('leadHooks.empty')}</Text>
          </Group>
        </Card>
      ) : (
        hooks.data.map((hook) => <HookCard key={hook.id} hook={hook} onOpen={() => setOpenId(hook.id)} />)
      )}
    </Stack>
  );
}

function CreateHook({ onCreated }: { onCreated: (hook: { id: number; secret: string | null }) => void }) {
  const { t } = useTranslation();
  const create = useCreateLeadHook();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = async () => {
    setError(undefined);
    try {
      const hook = await create.mutateAsync({ name: name.trim() });
      setName('');
      onCreated(hook);
    } catch (failure) {
      setError(fieldErrors(failure, t).name ?? errorMessage(failure, t));
    }
  };
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label={t('leadHooks.name')}
        placeholder={t('leadHooks.namePlaceholder')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && void submit()}
        error={error}
        w={{ base: '100%', xs: 320 }}
        data-testid="lead-hook-name"
      />
      <Button
        leftSection={<IconPlus size={16} />}
        onClick={() => void submit()}
        loading={create.isPending}
        disabled={!name.trim()}
        data-testid="lead-hook-create"
      >
        {t('leadHooks.create')}
      </Button>
    </Group>
  );
}

function HookCard({ hook, onOpen }: { hook: LeadHook; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder radius="md" p="md" data-testid={`lead-hook-${hook.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text fw={600}>{hook.name}</Text>
            <Badge color={hook.active ? 'green' : 'gray'} variant="light">
              {hook.active ? t('leadHooks.active') : t('leadHooks.inactive')}
            </Badge>
            {hook.secretRequired && (
              <Badge color="violet" variant="light">
                X-Jimmy-Secret
              </Badge>
            )}
          </Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconSettings size={14} />}
            onClick={onOpen}
            data-testid={`lead-hook-open-${hook.id}`}
          >
            {t('leadHooks.edit')}
          </Button>
        </Group>
        <CopyField label={t('leadHooks.url')} value={hookUrl(hook)} testId={`lead-hook-url-${hook.id}`} />
        <Text size="xs" c="dimmed">
          {hook.lastReceivedAt
            ? t('leadHooks.lastReceived', { when: formatDateTime(hook.lastReceivedAt, i18n.language) })
            : t('leadHooks.neverReceived')}
        </Text>
      </Stack>
    </Card>
  );
}
