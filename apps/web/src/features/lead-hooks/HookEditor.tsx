import { useState } from 'react';
import { Alert, Button, Checkbox, Divider, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowLeft, IconDeviceFloppy, IconKey, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LeadActions, LeadHook, LeadMapping } from '@jimmy/contracts';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { ActionsForm } from './ActionsForm.js';
import { CopyField } from '../../components/CopyField.js';
import { hookUrl } from './hookUrl.js';
import { useActionChoices, useDeleteLeadHook, useLeadHookRequests, useRotateLeadHook, useUpdateLeadHook } from './leadHooksApi.js';
import { MappingTable } from './MappingTable.js';
import { RequestLog } from './RequestLog.js';

/** A curl an admin can paste to see the hook work: the mapped fields if any, a typical form otherwise. */
function sampleCurl(hook: LeadHook, secret: string | null): string {
  const headers = [
    `-H 'Content-Type: application/json'`,
    ...(hook.secretRequired ? [`-H 'X-Jimmy-Secret: ${secret ?? '<segredo>'}'`] : []),
  ];
  const body = JSON.stringify({ name: 'Maria Souza', phone: '+55 11 91234-5678', email: 'maria@example.com', tags: 'site' });
  return `curl -X POST '${hookUrl(hook)}' \\\n  ${headers.join(' \\\n  ')} \\\n  -d '${body}'`;
}

/** One hook: its address, the mapping from its last payload, its actions and its request log. */
export function HookEditor(props: { hook: LeadHook; secret: string | null; onSecret: (s: string | null) => void; onBack: () => void }) {
  const { hook } = props;
  const { t } = useTranslation();
  const requests = useLeadHookRequests(hook.id);
  const choices = useActionChoices();
  const update = useUpdateLeadHook(hook.id);
  const rotate = useRotateLeadHook(hook.id);
  const remove = useDeleteLeadHook();
  const [name, setName] = useState(hook.name);
  const [active, setActive] = useState(hook.active);
  const [mapping, setMapping] = useState<LeadMapping>(hook.mapping);
  const [actions, setActions] = useState<LeadActions>(hook.actions);
  const [withSecret, setWithSecret] = useState(hook.secretRequired);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // The mapping screen reads the newest request that carried a readable payload.
  const lastPayload = requests.data?.find((r) => r.payload != null)?.payload;

  const save = async () => {
    setErrors({});
    setFormError(null);
    try {
      await update.mutateAsync({ name, active, mapping, actions });
      notifications.show({ color: 'brand', message: t('leadHooks.saved') });
    } catch (error) {
      setErrors(fieldErrors(error, t));
      setFormError(errorMessage(error, t));
    }
  };
  const newAddress = async () => {
    if (!window.confirm(t('leadHooks.rotateConfirm'))) return;
    try {
      props.onSecret((await rotate.mutateAsync(withSecret)).secret);
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
  };
  const destroy = async () => {
    if (!window.confirm(t('leadHooks.deleteConfirm'))) return;
    try {
      await remove.mutateAsync(hook.id);
      props.onBack();
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
  };

  return (
    <Stack gap="lg" data-testid="lead-hook-editor">
      <Group justify="space-between" wrap="wrap">
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={props.onBack} px={0} data-testid="lead-hook-back">
          {t('leadHooks.back')}
        </Button>
        <Button
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={16} />}
          onClick={() => void destroy()}
          loading={remove.isPending}
        >
          {t('leadHooks.delete')}
        </Button>
      </Group>
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('leadHooks.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          w={{ base: '100%', xs: 320 }}
        />
        <Switch
          label={t('leadHooks.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
          mb={8}
          data-testid="lead-hook-active"
        />
      </Group>
      <CopyField label={t('leadHooks.url')} value={hookUrl(hook)} testId="lead-hook-url" />
      {props.secret && (
        <Alert color="violet" variant="light" icon={<IconKey size={18} />} data-testid="lead-hook-secret">
          <Text size="sm">{t('leadHooks.secretOnce')}</Text>
          <Text ff="monospace" size="sm" mt={4} style={{ wordBreak: 'break-all' }}>
            {props.secret}
          </Text>
        </Alert>
      )}
      <Stack gap={4}>
        <CopyField label={t('leadHooks.sampleCurl')} value={sampleCurl(hook, props.secret)} testId="lead-hook-curl" multiline />
        <Text size="xs" c="dimmed">
          {t('leadHooks.sampleHint')}
        </Text>
      </Stack>
      <Group gap="md" wrap="wrap">
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => void newAddress()} loading={rotate.isPending}>
          {t('leadHooks.rotate')}
        </Button>
        <Checkbox label={t('leadHooks.rotateWithSecret')} checked={withSecret} onChange={(e) => setWithSecret(e.currentTarget.checked)} />
      </Group>
      <Divider />
      <MappingTable
        payload={lastPayload}
        mapping={mapping}
        customFields={choices.customFields.data ?? []}
        onChange={setMapping}
        onRefresh={() => void requests.refetch()}
        refreshing={requests.isFetching}
      />
      <Divider />
      <ActionsForm actions={actions} onChange={setActions} errors={errors} />
      {formError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="lead-hook-error">
          {formError}
        </Alert>
      )}
      <Group>
        <Button
          leftSection={<IconDeviceFloppy size={16} />}
          onClick={() => void save()}
          loading={update.isPending}
          data-testid="lead-hook-save"
        >
          {t('leadHooks.save')}
        </Button>
      </Group>
      <Divider />
      <RequestLog hookId={hook.id} items={requests.data ?? []} />
    </Stack>
  );
}
