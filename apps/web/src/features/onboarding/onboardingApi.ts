import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { OnboardingState } from '@jimmy/contracts';
import { api } from '../../lib/api.js';
import { useServerOptions } from '../../lib/serverOptions.js';
import { useCurrentUser } from '../auth/index.js';
import { useRealtimeSocket } from '../realtime/index.js';

const onboardingKeys = { state: ['onboarding'] as const };

/**
 * Whether this session has a checklist at all: a company admin on a SaaS installation. The platform
 * operator (super_admin) sets nothing up for a company, so it is left out though the API lets it in.
 */
export function useOnboardingEligible(): boolean {
  const { saas } = useServerOptions();
  const user = useCurrentUser();
  return saas && user.role === 'admin';
}

export function useOnboarding(enabled: boolean) {
  return useQuery({
    queryKey: onboardingKeys.state,
    queryFn: ({ signal }) => api<OnboardingState>('/api/onboarding', { signal }),
    enabled,
    // The steps tick over the socket; a refetch when the tab comes back covers a missed event.
    refetchOnWindowFocus: true,
  });
}

export function useSetOnboardingDismissed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (dismissed: boolean) => api<OnboardingState>(`/api/onboarding/${dismissed ? 'dismiss' : 'restore'}`, { method: 'POST' }),
    onSuccess: (state) => qc.setQueryData(onboardingKeys.state, state),
  });
}

const complete = (state: OnboardingState | undefined) => state !== undefined && state.steps.every((s) => s.done);

/**
 * The server sends the whole new state, so it replaces the cached one without a round trip. The
 * last step ticking hides the header button, so that moment gets a toast of its own.
 */
export function useOnboardingRealtime(enabled: boolean) {
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  const { t } = useTranslation();
  useEffect(() => {
    if (!socket || !enabled) return;
    const onChanged = ({ onboarding }: { onboarding: OnboardingState }) => {
      const before = qc.getQueryData<OnboardingState>(onboardingKeys.state);
      qc.setQueryData(onboardingKeys.state, onboarding);
      if (before && !complete(before) && complete(onboarding) && !onboarding.dismissed) {
        notifications.show({
          color: 'teal',
          title: t('onboarding.title'),
          message: t('onboarding.allDone'),
          'data-testid': 'onboarding-complete-toast',
        });
      }
    };
    const refetch = () => void qc.invalidateQueries({ queryKey: onboardingKeys.state });
    socket.on('onboarding.changed', onChanged);
    socket.io.on('reconnect', refetch);
    return () => {
      socket.off('onboarding.changed', onChanged);
      socket.io.off('reconnect', refetch);
    };
  }, [qc, socket, enabled, t]);
}
