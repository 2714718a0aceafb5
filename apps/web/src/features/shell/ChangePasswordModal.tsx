import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors, hasFieldErrors } from '../../lib/errors.js';
import { authApi } from '../auth/index.js';

type Errors = Partial<Record<'currentPassword' | 'newPassword' | 'confirm', string>>;

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('password.title')} centered radius="lg">
      {opened && <ChangePasswordForm onDone={onClose} />}
    </Modal>
  );
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  const validate = (): Errors => {
    const out: Errors = {};
    if (!values.currentPassword) out.currentPassword = t('validation.required');
    if (values.newPassword.length < 8) out.newPassword = t('validation.passwordMin');
    if (values.confirm !== values.newPassword) out.confirm = t('validation.passwordMismatch');
    return out;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      notifications.show({ color: 'brand', message: t('password.changed') });
      onDone();
    } catch (err) {
      if (hasFieldErrors(err)) {
        const byField = fieldErrors(err, t);
        setErrors({ currentPassword: byField.currentPassword, newPassword: byField.newPassword });
      } else {
        notifications.show({ color: 'red', title: t('common.error'), message: errorMessage(err, t) });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errors.currentPassword}
          data-autofocus
          data-testid="password-current"
        />
        <PasswordInput
          label={t('password.new')}
          description={t('password.newHint')}
          autoComplete="new-password"
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errors.newPassword}
          data-testid="password-new"
        />
        <PasswordInput
          label={t('password.confirm')}
          autoComplete="new-password"
          value={values.confirm}
          onChange={set('confirm')}
          error={errors.confirm}
          data-testid="password-confirm"
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
