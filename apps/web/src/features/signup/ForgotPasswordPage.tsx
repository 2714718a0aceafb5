import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { emailSchema } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { PublicShell } from './PublicShell.js';
import { signupApi } from './signupApi.js';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!emailSchema.safeParse(email).success) return setError(email.trim() ? t('validation.email') : t('validation.required'));
    setError(null);
    setSending(true);
    try {
      await signupApi.forgot(email.trim());
      setSentTo(email.trim());
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <PublicShell title={t('signup.forgot.title')} subtitle={t('signup.forgot.subtitle')}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Stack gap="sm">
          {sentTo && (
            <Alert color="green" variant="light" data-testid="forgot-sent">
              {t('signup.forgot.sent', { email: sentTo })}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={error}
            data-testid="forgot-email"
          />
          <Button type="submit" loading={sending} data-testid="forgot-submit">
            {t('signup.forgot.submit')}
          </Button>
          <Anchor component={Link} to="/login" size="sm" ta="center">
            {t('signup.backToLogin')}
          </Anchor>
        </Stack>
      </form>
    </PublicShell>
  );
}
