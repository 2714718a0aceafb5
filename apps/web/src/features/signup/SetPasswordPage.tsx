import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { isApiError } from '../../lib/api.js';
import { PasswordStrength, isStrongEnough } from './PasswordStrength.js';
import { PublicShell } from './PublicShell.js';
import { enterConsole, signupApi } from './signupApi.js';

/**
 * Choosing a password from a mailed link: a password reset (`reset`) or an accepted invitation
 * (`invite`). Either way the server signs this browser in, and the console opens.
 */
export function SetPasswordPage({ mode }: { mode: 'reset' | 'invite' }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(!token);
  const [saving, setSaving] = useState(false);
  const copy = mode === 'reset' ? 'reset' : 'accept';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found: typeof errors = {};
    if (password.length < 8) found.password = t('validation.passwordMin');
    else if (!isStrongEnough(password)) found.password = t('signup.strength.tooWeak');
    if (confirm !== password) found.confirm = t('validation.passwordMismatch');
    setErrors(found);
    if (found.password || found.confirm) return;
    setSaving(true);
    try {
      await (mode === 'reset' ? signupApi.reset(token, password) : signupApi.accept(token, password));
      enterConsole();
    } catch (error) {
      setSaving(false);
      if (isApiError(error) && error.code === 'TOKEN_INVALID') setInvalid(true);
      else if (isApiError(error) && error.fields.password) setErrors({ password: t('signup.strength.tooWeak') });
      else setFormError(errorMessage(error, t));
    }
  };

  return (
    <PublicShell title={t(`signup.${copy}.title`)} subtitle={t(`signup.${copy}.subtitle`)}>
      {invalid ? (
        <Stack gap="sm">
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="set-password-invalid">
            {t(`signup.${copy}.invalid`)}
          </Alert>
          {mode === 'reset' && (
            <Button component={Link} to="/forgot-password" variant="light">
              {t('signup.reset.askAgain')}
            </Button>
          )}
          <Anchor component={Link} to="/login" size="sm" ta="center">
            {t('signup.backToLogin')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Stack gap="sm">
            {formError && (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            )}
            <Stack gap={6}>
              <PasswordInput
                label={t('signup.reset.password')}
                autoComplete="new-password"
                autoFocus
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={errors.password}
                data-testid="set-password"
              />
              <PasswordStrength password={password} />
            </Stack>
            <PasswordInput
              label={t('signup.reset.confirm')}
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={errors.confirm}
              data-testid="set-password-confirm"
            />
            <Button type="submit" loading={saving} data-testid="set-password-submit">
              {t(`signup.${copy}.submit`)}
            </Button>
          </Stack>
        </form>
      )}
    </PublicShell>
  );
}
