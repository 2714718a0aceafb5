import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { companyRoles, emailSchema, type CompanyRole } from '@jimmy/contracts';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { useInviteUser, useQueueChoices } from './signupApi.js';

/** The users page's "Convidar por e-mail": the person chooses their own password from the mailed link. */
export function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('signup.invite.title')} centered radius="lg" size="md">
      {opened && <InviteForm onDone={onClose} />}
    </Modal>
  );
}

function InviteForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const invite = useInviteUser();
  const queues = useQueueChoices(true);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<CompanyRole>('agent');
  const [queueIds, setQueueIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('validation.required');
    if (!emailSchema.safeParse(email).success) found.email = email.trim() ? t('validation.email') : t('validation.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const user = await invite.mutateAsync({ name: name.trim(), email: email.trim(), role, queueIds: queueIds.map(Number) });
      notifications.show({ color: 'green', message: t('signup.invite.sent', { email: user.email }) });
      onDone();
    } catch (error) {
      const byField = fieldErrors(error, t);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(errorMessage(error, t));
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="invite-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('signup.invite.text')}
        </Text>
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label={t('signup.invite.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
          data-testid="invite-name"
        />
        <TextInput
          label={t('signup.invite.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          data-testid="invite-email"
        />
        <NativeSelect
          label={t('signup.invite.role')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as CompanyRole)}
          data={companyRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          data-testid="invite-role"
        />
        {(queues.data?.length ?? 0) > 0 && (
          <MultiSelect
            label={t('signup.invite.queues')}
            placeholder={queueIds.length === 0 ? t('signup.invite.queuesPlaceholder') : undefined}
            data={(queues.data ?? []).map((q) => ({ value: String(q.id), label: q.name }))}
            value={queueIds}
            onChange={setQueueIds}
            error={errors.queueIds}
            clearable
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending} data-testid="invite-submit">
            {t('signup.invite.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
