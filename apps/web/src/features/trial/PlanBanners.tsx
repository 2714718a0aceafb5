import { useEffect, useState } from 'react';
import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconClock, IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/index.js';
import { authApi } from '../auth/authApi.js';
import { useRealtimeSocket } from '../realtime/index.js';
import { emitSessionRefreshed } from '../../lib/session.js';
import { useServerOptions } from '../../lib/serverOptions.js';
import { usageKey } from '../usage/usageApi.js';

const DAY_MS = 86_400_000;

/**
 * The company's standing changed on the server (trial expired, plan paid): the session user's
 * `company` is fetched again so every banner and page sees it at once, without a reload.
 */
function useCompanyStatusRefresh(): void {
  const socket = useRealtimeSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!socket) return;
    const refresh = () => {
      void authApi.me().then(emitSessionRefreshed, () => undefined);
      void queryClient.invalidateQueries({ queryKey: usageKey });
    };
    socket.on('company.status', refresh);
    return () => {
      socket.off('company.status', refresh);
    };
  }, [socket, queryClient]);
}

function SubscribeLink({ label }: { label: string }) {
  return (
    <Anchor component={Link} to="/billing" fw={600} size="sm" data-testid="plan-banner-subscribe">
      {label}
    </Anchor>
  );
}

/** Above every page (SAAS=on): how long the trial lasts, or that the account is read-only and why nothing goes out. */
export function PlanBanners() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { saas } = useServerOptions();
  // When the console opened: the count of days need not tick while the page stays open.
  const [openedAt] = useState(() => Date.now());
  useCompanyStatusRefresh();
  if (!saas) return null;
  const { status, trialEndsAt } = user.company;
  const isAdmin = user.role === 'admin' || user.role === 'super_admin';

  if (status === 'read_only') {
    return (
      <Alert color="red" variant="light" icon={<IconLock size={18} />} mb="md" data-testid="read-only-banner">
        <Group gap="xs" wrap="wrap">
          <Text size="sm">{t('trial.readOnly')}</Text>
          {isAdmin ? <SubscribeLink label={t('trial.subscribePlan')} /> : <Text size="sm">{t('trial.readOnlyAgent')}</Text>}
        </Group>
      </Alert>
    );
  }
  if (status === 'trial' && trialEndsAt) {
    const days = Math.max(0, Math.ceil((new Date(trialEndsAt).getTime() - openedAt) / DAY_MS));
    return (
      <Alert color="blue" variant="light" icon={<IconClock size={18} />} mb="md" py={8} data-testid="trial-banner">
        <Group gap="xs" wrap="wrap">
          <Text size="sm">{days === 0 ? t('trial.endsToday') : t('trial.endsIn', { count: days })}</Text>
          {isAdmin && <SubscribeLink label={t('trial.subscribe')} />}
        </Group>
      </Alert>
    );
  }
  return null;
}
