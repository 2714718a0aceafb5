import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Anchor, Box, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconBrandWhatsapp, IconUsersGroup, IconWorldWww } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { emailSchema } from '@jimmy/contracts';
import { Logo } from '../../components/Logo.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { FullPageLoader } from '../../components/FullPageLoader.js';
import { currentLanguage } from '../../lib/i18n/index.js';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { isApiError } from '../../lib/api.js';
import { useServerOptions } from '../../lib/serverOptions.js';
import { useAuth } from './AuthContext.js';
import classes from './LoginPage.module.css';

/** Messages are kept untranslated and rendered with the current t, so switching language re-words them. */
type Message = (t: TFunction) => string;
type Fields = { email?: Message; password?: Message };

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  // Only same-app paths: never bounce to another origin from a crafted history state.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { status, login, setLanguage, signOutReason } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<Fields>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const secondsLeft = useRetryCountdown();
  const { saas } = useServerOptions();

  if (status === 'loading') return <FullPageLoader />;
  if (status === 'authenticated' && !submitting) return <Navigate to={redirectTarget(location.state)} replace />;

  const validate = (): Fields => {
    const errors: Fields = {};
    if (!email.trim()) errors.email = (tt) => tt('validation.required');
    else if (!emailSchema.safeParse(email).success) errors.email = (tt) => tt('validation.email');
    if (!password) errors.password = (tt) => tt('validation.required');
    return errors;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (secondsLeft.value > 0) return;
    const errors = validate();
    setFields(errors);
    if (errors.email || errors.password) return;
    setSubmitting(true);
    try {
      await login(email.trim(), password);
      void navigate(redirectTarget(location.state), { replace: true });
    } catch (err) {
      setSubmitting(false);
      if (isApiError(err) && err.code === 'INVALID_CREDENTIALS') {
        setFormError(() => (tt: TFunction) => tt('login.invalidCredentials'));
      } else if (isApiError(err) && (err.status === 429 || err.code === 'RATE_LIMITED')) {
        if (err.retryAfter) secondsLeft.start(err.retryAfter);
        else setFormError(() => (tt: TFunction) => tt('login.rateLimitedNoWait'));
      } else {
        const byField = fieldErrors(err, t);
        // Worded again with the current t, so switching language re-words them too.
        const asMessage = (field: 'email' | 'password'): Message | undefined =>
          byField[field] === undefined ? undefined : (tt: TFunction) => fieldErrors(err, tt)[field] ?? '';
        setFields({ email: asMessage('email'), password: asMessage('password') });
        if (!byField.email && !byField.password) setFormError(() => (tt: TFunction) => errorMessage(err, tt));
      }
    }
  };

  const rateLimitMessage = secondsLeft.value > 0 ? t('login.rateLimited', { seconds: String(secondsLeft.value) }) : null;
  const shownError = formError?.(t) ?? rateLimitMessage;
  const notice = signOutReason === 'revoked' ? t('login.sessionRevoked') : signOutReason === 'expired' ? t('login.sessionExpired') : null;

  return (
    <Box className={classes.page}>
      <Box className={classes.aside} visibleFrom="md">
        <Stack gap="xl" maw={420}>
          <Logo size={40} />
          <Title order={2} c="white" fw={700}>
            {t('app.tagline')}
          </Title>
          <Text c="white" opacity={0.9}>
            {t('login.sidePitch')}
          </Text>
          <Group gap="lg" c="white" opacity={0.85}>
            {/* What the pitch says exists today: WhatsApp, the website chat, a team. No chatbot or reports yet. */}
            <IconBrandWhatsapp size={28} />
            <IconWorldWww size={28} />
            <IconUsersGroup size={28} />
          </Group>
        </Stack>
      </Box>
      <Box className={classes.main}>
        <Group justify="space-between" p="md">
          <Box hiddenFrom="md">
            <Logo size={28} />
          </Box>
          <Box ml="auto">
            <LanguageSwitch language={currentLanguage()} onChange={(next) => void setLanguage(next)} />
          </Box>
        </Group>
        <Stack className={classes.formWrap} justify="center">
          <Paper component="form" onSubmit={onSubmit} noValidate p="xl" radius="lg" withBorder shadow="sm" w="100%" maw={420} mx="auto">
            <Stack gap="md">
              <Stack gap={4}>
                <Title order={3}>{t('login.title')}</Title>
                <Text size="sm" c="dimmed">
                  {t('login.subtitle')}
                </Text>
              </Stack>
              {notice && !shownError && (
                <Alert color="yellow" variant="light" data-testid="login-notice">
                  {notice}
                </Alert>
              )}
              {shownError && (
                <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="login-error" role="alert">
                  {shownError}
                </Alert>
              )}
              <TextInput
                label={t('login.email')}
                placeholder={t('login.emailPlaceholder')}
                type="email"
                autoComplete="username"
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={fields.email?.(t)}
                data-testid="login-email"
              />
              <PasswordInput
                label={t('login.password')}
                placeholder={t('login.passwordPlaceholder')}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fields.password?.(t)}
                data-testid="login-password"
              />
              <Button type="submit" fullWidth size="md" loading={submitting} disabled={secondsLeft.value > 0} data-testid="login-submit">
                {t('login.submit')}
              </Button>
              <Anchor component={Link} to="/forgot-password" size="sm" ta="center" data-testid="login-forgot">
                {t('signup.loginLinks.forgot')}
              </Anchor>
              {saas && (
                <Button component={Link} to="/signup" variant="light" fullWidth data-testid="login-signup">
                  {t('signup.loginLinks.signup')}
                </Button>
              )}
            </Stack>
          </Paper>
        </Stack>
      </Box>
    </Box>
  );
}

/** Counts the server's Retry-After down so the message stays true while the user waits. */
function useRetryCountdown() {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return {
    value: Math.max(0, Math.ceil((until - now) / 1000)),
    start: (seconds: number) => {
      setNow(Date.now());
      setUntil(Date.now() + seconds * 1000);
    },
  };
}
