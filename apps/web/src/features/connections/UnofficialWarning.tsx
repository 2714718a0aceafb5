import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Shown wherever a QR-code connection is created or shown: WhatsApp bans numbers it sees misused. */
export function UnofficialWarning({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={compact ? undefined : t('connections.web.warningTitle')}
      p={compact ? 'xs' : undefined}
      data-testid="wa-warning"
    >
      {t('connections.web.warning')}
    </Alert>
  );
}
