import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors, hasFieldErrors } from '../../lib/errors.js';
import { useAuth, useCurrentUser } from '../auth/index.js';

export function ProfileModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('profile.title')} centered radius="lg">
      {/* Mounted only while open so the form starts from the current profile every time. */}
      {opened && <ProfileForm onDone={onClose} />}
    </Modal>
  );
}

function ProfileForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { updateProfile } = useAuth();
  const [name, setName] = useState(user.name);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(t('validation.required'));
    setSaving(true);
    try {
      await updateProfile({ name: name.trim() });
      notifications.show({ color: 'brand', message: t('profile.saved') });
      onDone();
    } catch (err) {
      if (hasFieldErrors(err)) setError(fieldErrors(err, t).name ?? errorMessage(err, t));
      else notifications.show({ color: 'red', title: t('common.error'), message: errorMessage(err, t) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput
          label={t('profile.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          data-autofocus
          data-testid="profile-name"
        />
        <TextInput label={t('profile.email')} value={user.email} disabled description={t('profile.emailHint')} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="profile-submit">
            {t('profile.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
