import { useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLifebuoy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { endImpersonation } from './platformApi.js';

/** Shown on every page of a support session, so the operator never forgets whose account this is. */
export function ImpersonationBanner() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [ending, setEnding] = useState(false);
  if (!user.impersonator) return null;
  return (
    <Alert color="orange" variant="filled" mb="md" icon={<IconLifebuoy size={18} />} data-testid="impersonation-banner">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" fw={600}>
          {t('platform.banner.text', { admin: user.name, operator: user.impersonator.name })}
        </Text>
        <Button
          size="xs"
          variant="white"
          color="orange"
          loading={ending}
          data-testid="impersonation-end"
          onClick={() => {
            setEnding(true);
            endImpersonation().catch((error: unknown) => {
              setEnding(false);
              notifications.show({ color: 'red', message: errorMessage(error, t) });
            });
          }}
        >
          {t('platform.banner.end')}
        </Button>
      </Group>
    </Alert>
  );
}
