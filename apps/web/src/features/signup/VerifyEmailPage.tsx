import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { emailSchema } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { isApiError } from '../../lib/api.js';
import { PublicShell } from './PublicShell.js';
import { enterConsole, signupApi } from './signupApi.js';

type State = { kind: 'verifying' } | { kind: 'done' } | { kind: 'invalid' } | { kind: 'error'; message: string };

/** The e-mailed link lands here: the token is posted once, and the verified founder enters the console signed in. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<State>(token ? { kind: 'verifying' } : { kind: 'invalid' });
  // A token works once: React's development double effect must not spend it twice.
  const posted = useRef(false);

  useEffect(() => {
    if (!token || posted.current) return;
    posted.current = true;
    signupApi.verify(token).then(
      () => {
        setState({ kind: 'done' });
        enterConsole();
      },
      (error: unknown) => {
        if (isApiError(error) && (error.code === 'TOKEN_INVALID' || error.code === 'VALIDATION_FAILED')) setState({ kind: 'invalid' });
        else setState({ kind: 'error', message: errorMessage(error, t) });
      },
    );
  }, [token, t]);

  if (state.kind === 'verifying' || state.kind === 'done')
    return (
      <PublicShell title={state.kind === 'done' ? t('signup.verify.done') : t('signup.verify.title')}>
        <Loader data-testid="verify-progress" />
      </PublicShell>
    );
  if (state.kind === 'error')
    return (
      <PublicShell title={t('signup.verify.title')}>
        <Alert color="red" variant="light" role="alert">
          {state.message}
        </Alert>
      </PublicShell>
    );
  return (
    <PublicShell title={t('signup.verify.failedTitle')}>
      <Text data-testid="verify-invalid">{token ? t('signup.verify.failedText') : t('signup.verify.missing')}</Text>
      <ResendForm />
      <Anchor component={Link} to="/login" size="sm">
        {t('signup.backToLogin')}
      </Anchor>
    </PublicShell>
  );
}

function ResendForm() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [sending, setSending] = useState(false);
  const submit = async () => {
    if (!emailSchema.safeParse(email).success) return setError(t('validation.email'));
    setError(null);
    setSending(true);
    try {
      await signupApi.resend(email.trim());
      setSent(true);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setSending(false);
    }
  };
  return (
    <Stack gap="xs">
      <TextInput label={t('login.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={error} />
      {sent && (
        <Alert color="green" variant="light">
          {t('signup.signup.resent')}
        </Alert>
      )}
      <Button variant="light" loading={sending} onClick={() => void submit()}>
        {t('signup.signup.resend')}
      </Button>
    </Stack>
  );
}
