import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_SCORE, scorePassword } from '@jimmy/contracts';

const COLORS = ['red', 'red', 'yellow', 'teal', 'green'] as const;

/** The same score the server refuses below MIN_PASSWORD_SCORE, shown while typing. */
export function PasswordStrength({ password }: { password: string }) {
  const { t } = useTranslation();
  if (!password) return null;
  const score = scorePassword(password);
  return (
    <Stack gap={4} data-testid="password-strength" data-score={score}>
      <Progress value={((score + 1) / 5) * 100} color={COLORS[score]} size="sm" aria-hidden />
      <Text size="xs" c={score < MIN_PASSWORD_SCORE ? 'red' : 'dimmed'}>
        {t('signup.strength.label', { level: t(`signup.strength.levels.${score}`) })}
      </Text>
    </Stack>
  );
}

export const isStrongEnough = (password: string) => scorePassword(password) >= MIN_PASSWORD_SCORE;
