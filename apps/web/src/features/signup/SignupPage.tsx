import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, Checkbox, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { emailSchema, type SignupPlan } from '@jimmy/contracts';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { isApiError } from '../../lib/api.js';
import { PasswordStrength, isStrongEnough } from './PasswordStrength.js';
import { PublicShell } from './PublicShell.js';
import { signupApi, useSignupPlans } from './signupApi.js';

type Field = 'companyName' | 'name' | 'email' | 'whatsapp' | 'password' | 'acceptTerms' | 'planId';
type Errors = Partial<Record<Field, string>>;

const brl = (cents: number) => new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(cents / 100);

/** A server field message in the user's language: the codes and checks this form knows say it better. */
function serverFieldErrors(error: unknown, t: TFunction): Errors {
  const byField = fieldErrors(error, t) as Errors;
  const raw = isApiError(error) ? error.fields : {};
  if (raw.password && /weak/i.test(raw.password)) byField.password = t('signup.strength.tooWeak');
  if (raw.whatsapp) byField.whatsapp = t('signup.signup.whatsappInvalid');
  if (raw.acceptTerms) byField.acceptTerms = t('signup.signup.termsRequired');
  return byField;
}

function planLabel(plan: SignupPlan, t: TFunction) {
  return t('signup.signup.planTrial', { name: plan.name, days: String(plan.trialDays), price: brl(plan.priceCents) });
}

export function SignupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const plans = useSignupPlans(true);
  const [values, setValues] = useState({ companyName: '', name: '', email: '', whatsapp: '', password: '' });
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [chosenPlan, setChosenPlan] = useState<string | null>(params.get('plan'));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  // A self-hosted install has no sign-up: its route answers 404.
  if (plans.isError && isApiError(plans.error) && plans.error.status === 404) return <Navigate to="/login" replace />;

  const offered = plans.data ?? [];
  const planId = offered.some((p) => String(p.id) === chosenPlan) ? chosenPlan : offered[0] ? String(offered[0].id) : null;
  // Editing a field clears its error: a stale "too weak" next to a "strong" meter would contradict itself.
  const clearError = (field: Field) => setErrors(({ [field]: _cleared, ...rest }) => rest);
  const set = (field: keyof typeof values) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    clearError(field);
  };

  const validate = (): Errors => {
    const found: Errors = {};
    for (const field of ['companyName', 'name', 'whatsapp'] as const) if (!values[field].trim()) found[field] = t('validation.required');
    if (!values.email.trim()) found.email = t('validation.required');
    else if (!emailSchema.safeParse(values.email).success) found.email = t('validation.email');
    if (values.password.length < 8) found.password = t('validation.passwordMin');
    else if (!isStrongEnough(values.password)) found.password = t('signup.strength.tooWeak');
    if (!acceptTerms) found.acceptTerms = t('signup.signup.termsRequired');
    return found;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      const result = await signupApi.signup({
        companyName: values.companyName.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
        whatsapp: values.whatsapp.trim(),
        password: values.password,
        acceptTerms: true,
        ...(planId && { planId: Number(planId) }),
      });
      setSentTo(result.email);
    } catch (error) {
      const byField = serverFieldErrors(error, t);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(errorMessage(error, t));
    } finally {
      setSubmitting(false);
    }
  };

  if (sentTo) return <CheckYourEmail email={sentTo} />;

  return (
    <PublicShell title={t('signup.signup.title')} subtitle={t('signup.signup.subtitle')} wide>
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="signup-form">
        <Stack gap="sm">
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" data-testid="signup-error">
              {formError}
            </Alert>
          )}
          <TextInput
            label={t('signup.signup.companyName')}
            value={values.companyName}
            onChange={(e) => set('companyName')(e.currentTarget.value)}
            error={errors.companyName}
            autoComplete="organization"
            autoFocus
            data-testid="signup-company"
          />
          <TextInput
            label={t('signup.signup.name')}
            value={values.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={errors.name}
            autoComplete="name"
            data-testid="signup-name"
          />
          <TextInput
            label={t('signup.signup.email')}
            type="email"
            value={values.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={errors.email}
            autoComplete="email"
            data-testid="signup-email"
          />
          <TextInput
            label={t('signup.signup.whatsapp')}
            description={t('signup.signup.whatsappHint')}
            type="tel"
            value={values.whatsapp}
            onChange={(e) => set('whatsapp')(e.currentTarget.value)}
            error={errors.whatsapp}
            autoComplete="tel"
            data-testid="signup-whatsapp"
          />
          <Stack gap={6}>
            <PasswordInput
              label={t('signup.signup.password')}
              value={values.password}
              onChange={(e) => set('password')(e.currentTarget.value)}
              error={errors.password}
              autoComplete="new-password"
              data-testid="signup-password"
            />
            <PasswordStrength password={values.password} />
          </Stack>
          {offered.length > 0 && (
            <Select
              label={t('signup.signup.plan')}
              data={offered.map((plan) => ({ value: String(plan.id), label: planLabel(plan, t) }))}
              value={planId}
              onChange={setChosenPlan}
              allowDeselect={false}
              error={errors.planId}
              data-testid="signup-plan"
            />
          )}
          <Checkbox
            checked={acceptTerms}
            onChange={(e) => {
              setAcceptTerms(e.currentTarget.checked);
              clearError('acceptTerms');
            }}
            error={errors.acceptTerms}
            data-testid="signup-terms"
            label={
              <>
                {t('signup.signup.termsPrefix')}{' '}
                <Anchor href="/privacidade" target="_blank" rel="noopener">
                  {t('signup.signup.privacy')}
                </Anchor>{' '}
                {t('signup.signup.and')}{' '}
                <Anchor href="/cookies" target="_blank" rel="noopener">
                  {t('signup.signup.cookies')}
                </Anchor>
                .
              </>
            }
          />
          <Button type="submit" size="md" loading={submitting} data-testid="signup-submit">
            {t('signup.signup.submit')}
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/login">
              {t('signup.signup.haveAccount')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </PublicShell>
  );
}

/** After sign-up: the address to look at and a way to get the link again. */
function CheckYourEmail({ email }: { email: string }) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [resent, setResent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resend = async () => {
    setSending(true);
    setError(null);
    try {
      await signupApi.resend(email);
      setResent(true);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setSending(false);
    }
  };
  return (
    <PublicShell title={t('signup.signup.sentTitle')}>
      <Stack gap="sm" data-testid="signup-sent">
        <IconMailCheck size={40} color="var(--mantine-color-brand-6)" />
        <Text>{t('signup.signup.sentText', { email })}</Text>
        <Text size="sm" c="dimmed">
          {t('signup.signup.sentHint')}
        </Text>
        {resent && (
          <Alert color="green" variant="light" data-testid="signup-resent">
            {t('signup.signup.resent')}
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Button variant="light" loading={sending} onClick={() => void resend()} data-testid="signup-resend">
          {t('signup.signup.resend')}
        </Button>
        <Anchor component={Link} to="/login" size="sm" ta="center">
          {t('signup.backToLogin')}
        </Anchor>
      </Stack>
    </PublicShell>
  );
}
