import { useState, type FormEvent } from 'react';
import { Alert, Button, Divider, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection, UpdateConnectionRequest } from '@jimmy/contracts';
import { fieldErrors } from '../../lib/errors.js';
import { useUpdateConnection } from './connectionsApi.js';
import { NameField, RoutingFields, commonPayload, validateCommon, type CommonValues } from './CommonFields.js';
import { randomVerifyToken } from './CreateConnectionModal.js';
import { connectionErrorMessage } from './parts.js';

interface Secrets {
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

type FieldName = keyof CommonValues | keyof Secrets;
type Errors = Partial<Record<FieldName, string>>;
const FIELD_NAMES: readonly FieldName[] = ['name', 'queueIds', 'reopenWindowMinutes', 'accessToken', 'appSecret', 'verifyToken'];

export function EditConnectionModal({ connection, onClose }: { connection: Connection | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={connection !== null} onClose={onClose} title={t('connections.form.editTitle')} centered radius="lg" size="lg">
      {connection && <EditForm key={connection.id} connection={connection} onDone={onClose} />}
    </Modal>
  );
}

function EditForm({ connection, onDone }: { connection: Connection; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateConnection();
  const [common, setCommon] = useState<CommonValues>({
    name: connection.name,
    queueIds: connection.queueIds,
    reopenWindowMinutes: connection.reopenWindowMinutes,
  });
  const [secrets, setSecrets] = useState<Secrets>({ accessToken: '', appSecret: '', verifyToken: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const isCloud = connection.type === 'whatsapp_cloud';

  const setSecret = (field: keyof Secrets, value: string) => setSecrets((v) => ({ ...v, [field]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = validateCommon(common, t);
    if (secrets.verifyToken.trim() && secrets.verifyToken.trim().length < 8) found.verifyToken = t('connections.form.verifyMin');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;

    // Send only what changed: blank secrets mean "keep the stored one", never "erase it".
    const next = commonPayload(common);
    const patch: UpdateConnectionRequest = {};
    if (next.name !== connection.name) patch.name = next.name;
    if (next.queueIds.join() !== connection.queueIds.join()) patch.queueIds = next.queueIds;
    if (next.reopenWindowMinutes !== connection.reopenWindowMinutes) patch.reopenWindowMinutes = next.reopenWindowMinutes;
    if (isCloud) {
      for (const field of ['accessToken', 'appSecret', 'verifyToken'] as const) {
        const value = secrets[field].trim();
        if (value) patch[field] = value;
      }
    }
    if (Object.keys(patch).length === 0) return onDone();
    try {
      const updated = await update.mutateAsync({ id: connection.id, patch });
      notifications.show({ color: 'brand', title: t('common.success'), message: t('connections.form.updated', { name: updated.name }) });
      onDone();
    } catch (err) {
      const byField: Errors = fieldErrors(err, t);
      setErrors(byField);
      if (!FIELD_NAMES.some((f) => byField[f])) setFormError(connectionErrorMessage(err, t));
    }
  };

  const secretInput = (field: 'accessToken' | 'appSecret') => (
    <PasswordInput
      label={t(`connections.form.${field}`)}
      description={t(`connections.form.${field}Hint`)}
      placeholder={t('connections.form.keepSecret')}
      autoComplete="new-password"
      value={secrets[field]}
      onChange={(e) => setSecret(field, e.currentTarget.value)}
      error={errors[field]}
      data-testid={`connection-edit-form-${field === 'accessToken' ? 'access-token' : 'app-secret'}`}
    />
  );

  const commonProps = { values: common, errors, onChange: (patch: Partial<CommonValues>) => setCommon((v) => ({ ...v, ...patch })) };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <NameField {...commonProps} />
        <RoutingFields {...commonProps} />
        {isCloud && (
          <>
            <Divider label={t('connections.form.secretsTitle')} labelPosition="left" mt="xs" />
            <Text size="sm" c="dimmed" mt={-8}>
              {t('connections.form.secretsHint')}
            </Text>
            {secretInput('accessToken')}
            {secretInput('appSecret')}
            <TextInput
              label={t('connections.form.verifyToken')}
              description={t('connections.form.verifyTokenHint')}
              placeholder={t('connections.form.keepSecret')}
              autoComplete="off"
              value={secrets.verifyToken}
              onChange={(e) => setSecret('verifyToken', e.currentTarget.value)}
              error={errors.verifyToken}
              rightSectionWidth={96}
              rightSection={
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconRefresh size={14} />}
                  onClick={() => setSecret('verifyToken', randomVerifyToken())}
                >
                  {t('connections.form.generate')}
                </Button>
              }
              data-testid="connection-edit-form-verify-token"
            />
          </>
        )}
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="connection-edit-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
