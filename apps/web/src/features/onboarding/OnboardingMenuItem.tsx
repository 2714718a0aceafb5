import { Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconListCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useOnboarding, useOnboardingEligible, useSetOnboardingDismissed } from './onboardingApi.js';

/** The way back to a hidden checklist, in the user menu; nothing once every step is done. */
export function OnboardingMenuItem() {
  const { t } = useTranslation();
  const eligible = useOnboardingEligible();
  const query = useOnboarding(eligible);
  const restore = useSetOnboardingDismissed();
  const state = query.data;
  if (!eligible || !state?.dismissed) return null;
  const done = state.steps.filter((s) => s.done).length;
  const total = state.steps.length;
  if (done === total) return null;
  return (
    <Menu.Item
      leftSection={<IconListCheck size={16} />}
      onClick={() => restore.mutate(false, { onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }) })}
      rightSection={
        <Text size="xs" c="dimmed">
          {done}/{total}
        </Text>
      }
      data-testid="onboarding-restore"
    >
      {t('onboarding.reopen')}
    </Menu.Item>
  );
}
