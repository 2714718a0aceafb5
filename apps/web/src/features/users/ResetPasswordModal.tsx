import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { User } from '@jimmy/contracts';
import { errorMessage, fieldErrors, hasFieldErrors } from '../../lib/errors.js';
import { useResetUserPassword } from './usersApi.js';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t('users.resetTitle', { name: user.name }) : ''} centered radius="lg">
      {user && <ResetPasswordForm key={user.id} user={user} onDone={onClose} />}
    </Modal>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const reset = useResetUserPassword();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 8) return setError(t('validation.passwordMin'));
    setError(undefined);
    try {
      await reset.mutateAsync({ id: user.id, password });
      notifications.show({ color: 'brand', title: t('common.success'), message: t('users.resetDone', { name: user.name }) });
      onDone();
    } catch (err) {
      if (hasFieldErrors(err)) setError(fieldErrors(err, t).password ?? errorMessage(err, t));
      else notifications.show({ color: 'red', title: t('common.error'), message: errorMessage(err, t) });
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('users.resetText')}
        </Text>
        <PasswordInput
          label={t('users.newPassword')}
          description={t('password.newHint')}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={error}
          data-autofocus
          data-testid="reset-password-input"
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={reset.isPending} data-testid="reset-password-submit">
            {t('users.resetSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
