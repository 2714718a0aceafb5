import { useState } from 'react';
import { Alert, Button } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/index.js';
import { notificationsSupported } from './notify.js';

/** Asked from a click, never on load: browsers ignore (and penalise) unprompted permission requests. */
export function NotificationPrompt() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [permission, setPermission] = useState(() => (notificationsSupported() ? Notification.permission : 'denied'));
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
      <Button size="compact-xs" variant="subtle" onClick={() => void Notification.requestPermission().then(setPermission)}>
        {t('tickets.notify.enable')}
      </Button>
    </Alert>
  );
}
