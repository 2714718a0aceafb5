import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useServerOptions } from '../../lib/serverOptions.js';
import { useCurrentUser } from '../auth/index.js';
import { AuditList } from './AuditList.js';
import { usePlatformAccess } from './platformApi.js';

/** In the company's audit tab: every platform action on the company, support sign-ins included. */
export function PlatformAccessSection() {
  const { t } = useTranslation();
  const { saas } = useServerOptions();
  const user = useCurrentUser();
  const enabled = saas && (user.role === 'admin' || user.role === 'super_admin');
  const access = usePlatformAccess(enabled);
  if (!enabled) return null;
  return (
    <Stack gap="xs" mt="xl" data-testid="platform-access">
      <Title order={4}>{t('platform.access.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('platform.access.text')}
      </Text>
      {access.data && access.data.length === 0 ? (
        <Text c="dimmed">{t('platform.access.empty')}</Text>
      ) : (
        <AuditList items={access.data ?? []} />
      )}
    </Stack>
  );
}
