import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Connection, CreateConnectionRequest } from '@jimmy/contracts';
import { isApiError } from '../../lib/api.js';
import { fieldErrors } from '../../lib/errors.js';
import { useCreateConnection } from './connectionsApi.js';
import { NameField, RoutingFields, commonPayload, validateCommon, type CommonValues } from './CommonFields.js';
import { connectionErrorMessage } from './parts.js';
import { UnofficialWarning } from './UnofficialWarning.js';

export type CreatableType = 'whatsapp_cloud' | 'whatsapp_web' | 'webchat';

const titleKey = {
  whatsapp_cloud: 'connections.form.createCloudTitle',
  whatsapp_web: 'connections.form.createQrTitle',
  webchat: 'connections.form.createWebchatTitle',
} as const satisfies Record<CreatableType, string>;

interface CloudValues {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

type FieldName = keyof CommonValues | keyof CloudValues;
type Errors = Partial<Record<FieldName, string>>;

const FIELD_NAMES: readonly FieldName[] = [
  'name',
  'queueIds',
  'reopenWindowMinutes',
  'phoneNumberId',
  'wabaId',
  'accessToken',
  'appSecret',
  'verifyToken',
];
const ID_PATTERN = /^[A-Za-z0-9_]{1,40}$/;

/** URL-safe and long enough that nobody guesses it; Meta accepts any string up to its own limits. */
export function randomVerifyToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

interface Props {
  type: CreatableType | null;
  onClose: () => void;
  /** The verify token travels along because the server never returns it: this is the one chance to show it. */
  onCreated: (connection: Connection, verifyToken: string | null) => void;
}

export function CreateConnectionModal({ type, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={type !== null}
      onClose={onClose}
      title={type ? t(titleKey[type]) : ''}
      centered
      radius="lg"
      size={type === 'whatsapp_cloud' ? 'lg' : 'md'}
    >
      {type && <CreateForm key={type} type={type} onCancel={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function CreateForm({ type, onCancel, onCreated }: { type: CreatableType; onCancel: () => void; onCreated: Props['onCreated'] }) {
  const { t } = useTranslation();
  const create = useCreateConnection();
  const [common, setCommon] = useState<CommonValues>({ name: '', queueIds: [], reopenWindowMinutes: 0 });
  const [cloud, setCloud] = useState<CloudValues>({ phoneNumberId: '', wabaId: '', accessToken: '', appSecret: '', verifyToken: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const isCloud = type === 'whatsapp_cloud';

  const setCloudField = (field: keyof CloudValues, value: string) => setCloud((v) => ({ ...v, [field]: value }));

  const validate = (): Errors => {
    const out: Errors = validateCommon(common, t);
    if (!isCloud) return out;
    if (!ID_PATTERN.test(cloud.phoneNumberId.trim()))
      out.phoneNumberId = cloud.phoneNumberId.trim() ? t('connections.form.idFormat') : t('validation.required');
    if (!ID_PATTERN.test(cloud.wabaId.trim())) out.wabaId = cloud.wabaId.trim() ? t('connections.form.idFormat') : t('validation.required');
    if (!cloud.accessToken.trim()) out.accessToken = t('validation.required');
    if (!cloud.appSecret.trim()) out.appSecret = t('validation.required');
    if (cloud.verifyToken.trim().length < 8) out.verifyToken = t('connections.form.verifyMin');
    return out;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    const base = commonPayload(common);
    const body: CreateConnectionRequest = isCloud
      ? {
          type: 'whatsapp_cloud',
          ...base,
          phoneNumberId: cloud.phoneNumberId.trim(),
          wabaId: cloud.wabaId.trim(),
          accessToken: cloud.accessToken.trim(),
          appSecret: cloud.appSecret.trim(),
          verifyToken: cloud.verifyToken.trim(),
        }
      : { type, ...base };
    try {
      const created = await create.mutateAsync(body);
      notifications.show({ color: 'brand', title: t('common.success'), message: t('connections.form.created', { name: created.name }) });
      onCreated(created, isCloud ? cloud.verifyToken.trim() : null);
    } catch (err) {
      const byField: Errors = fieldErrors(err, t);
      // The server names this one in English; say it in the admin's language instead.
      if (isApiError(err) && err.code === 'PHONE_NUMBER_TAKEN') byField.phoneNumberId = t('connections.errors.PHONE_NUMBER_TAKEN');
      setErrors(byField);
      if (!FIELD_NAMES.some((f) => byField[f])) setFormError(connectionErrorMessage(err, t));
    }
  };

  const secretInput = (field: 'accessToken' | 'appSecret', testId: string) => (
    <PasswordInput
      label={t(`connections.form.${field}`)}
      description={t(`connections.form.${field}Hint`)}
      autoComplete="off"
      value={cloud[field]}
      onChange={(e) => setCloudField(field, e.currentTarget.value)}
      error={errors[field]}
      withAsterisk
      data-testid={testId}
    />
  );

  const commonProps = { values: common, errors, onChange: (patch: Partial<CommonValues>) => setCommon((v) => ({ ...v, ...patch })) };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {type === 'whatsapp_web' && (
          <>
            <UnofficialWarning />
            <Text size="sm">{t('connections.form.qrIntro')}</Text>
          </>
        )}
        <NameField {...commonProps} />
        {isCloud && (
          <>
            <TextInput
              label={t('connections.form.phoneNumberId')}
              description={t('connections.form.phoneNumberIdHint')}
              value={cloud.phoneNumberId}
              onChange={(e) => setCloudField('phoneNumberId', e.currentTarget.value)}
              error={errors.phoneNumberId}
              withAsterisk
              inputMode="numeric"
              data-testid="connection-form-phone-number-id"
            />
            <TextInput
              label={t('connections.form.wabaId')}
              description={t('connections.form.wabaIdHint')}
              value={cloud.wabaId}
              onChange={(e) => setCloudField('wabaId', e.currentTarget.value)}
              error={errors.wabaId}
              withAsterisk
              inputMode="numeric"
              data-testid="connection-form-waba-id"
            />
            {secretInput('accessToken', 'connection-form-access-token')}
            {secretInput('appSecret', 'connection-form-app-secret')}
            <TextInput
              label={t('connections.form.verifyToken')}
              description={t('connections.form.verifyTokenHint')}
              autoComplete="off"
              value={cloud.verifyToken}
              onChange={(e) => setCloudField('verifyToken', e.currentTarget.value)}
              error={errors.verifyToken}
              withAsterisk
              data-testid="connection-form-verify-token"
              rightSectionWidth={96}
              rightSection={
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconRefresh size={14} />}
                  onClick={() => setCloudField('verifyToken', randomVerifyToken())}
                  data-testid="connection-form-generate"
                >
                  {t('connections.form.generate')}
                </Button>
              }
            />
          </>
        )}
        <RoutingFields {...commonProps} />
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="connection-form-error">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="connection-form-submit">
            {t('connections.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
