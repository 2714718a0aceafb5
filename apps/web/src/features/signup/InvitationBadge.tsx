import { ActionIcon, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { User } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { useResendInvitation } from './signupApi.js';

/** Shown in the users list for someone who has not accepted their invitation yet. */
export function InvitationBadge() {
  const { t } = useTranslation();
  return (
    // Text, not a badge: it wraps in the narrow status column instead of being cut short.
    <Text size="xs" fw={600} c="yellow.8" mt={4} data-testid="user-invitation-pending">
      {t('signup.invite.pending')}
    </Text>
  );
}

export function ResendInvitationButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const resend = useResendInvitation();
  const onClick = () =>
    resend.mutate(user.id, {
      onSuccess: () => notifications.show({ color: 'green', message: t('signup.invite.resent', { email: user.email }) }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    });
  return (
    <Tooltip label={t('signup.invite.resend')}>
      <ActionIcon
        variant="subtle"
        color="gray"
        loading={resend.isPending}
        onClick={onClick}
        aria-label={t('signup.invite.resend')}
        data-testid={`user-resend-invitation-${user.id}`}
      >
        <IconMailForward size={18} />
      </ActionIcon>
    </Tooltip>
  );
}
