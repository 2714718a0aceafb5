import { useState } from 'react';
import { Alert, Button } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { requestNotificationPermission, useNotificationPermission } from '../../lib/notificationPermission.js';
import { useCurrentUser } from '../auth/index.js';

/**
 * Notifications are on in the profile but the browser has not been asked yet: say exactly that, so
 * the banner never contradicts the menu's "notifications on".
 */
export function NotificationPrompt() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const permission = useNotificationPermission();
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem('jimmy.notifyPromptDismissed') === '1');
  if (!me.notificationsEnabled || permission !== 'default' || dismissed) return null;
  return (
    <Alert
      variant="light"
      color="blue"
      icon={<IconBell size={16} />}
      p="xs"
      mb="xs"
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={() => {
        sessionStorage.setItem('jimmy.notifyPromptDismissed', '1');
        setDismissed(true);
      }}
      data-testid="notify-prompt"
    >
      {t('tickets.notify.prompt')}{' '}
      <Button size="compact-xs" variant="subtle" onClick={() => void requestNotificationPermission()} data-testid="notify-allow">
        {t('tickets.notify.enable')}
      </Button>
    </Alert>
  );
}
