import { useState } from 'react';
import { Alert, Box, Button, Group, Loader, Popover, Progress, RingProgress, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconCheck, IconConfetti, IconExternalLink } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OnboardingState, OnboardingStepKey } from '@jimmy/contracts';
import { errorMessage } from '../../lib/errors.js';
import { useConnections } from '../connections/index.js';
import { useOnboarding, useOnboardingEligible, useOnboardingRealtime, useSetOnboardingDismissed } from './onboardingApi.js';
import { stepMeta } from './steps.js';
import classes from './onboarding.module.css';

const countDone = (state: OnboardingState) => state.steps.filter((s) => s.done).length;

/** The header's "Primeiros passos 2/5": only for a company admin on a SaaS installation. */
export function OnboardingButton() {
  return useOnboardingEligible() ? <OnboardingChecklist /> : null;
}

function OnboardingChecklist() {
  const { t } = useTranslation();
  const query = useOnboarding(true);
  useOnboardingRealtime(true);
  const [opened, setOpened] = useState(false);
  // Below 62em (Mantine's md) the header keeps only the ring, its count inside.
  const wide = useMediaQuery('(min-width: 62em)', true);
  const state = query.data;
  if (!state) return null;
  const done = countDone(state);
  const total = state.steps.length;
  const complete = done === total;
  // Finished: it stays while open, so the last tick and the "all set" line are seen, then goes.
  if (state.dismissed || (complete && !opened)) return null;
  const percent = total === 0 ? 0 : (done / total) * 100;

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <UnstyledButton
          onClick={() => setOpened((o) => !o)}
          aria-label={t('onboarding.buttonLabel', { done, total })}
          aria-expanded={opened}
          data-testid="onboarding-button"
          data-done={done}
          style={{ borderRadius: 999 }}
        >
          <Group gap={6} wrap="nowrap">
            <RingProgress
              size={wide ? 30 : 36}
              thickness={3}
              roundCaps
              transitionDuration={400}
              sections={[{ value: percent, color: 'teal' }]}
              label={
                wide ? undefined : (
                  <Text ta="center" fz={10} fw={700}>
                    {done}/{total}
                  </Text>
                )
              }
            />
            {wide && (
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {t('onboarding.button')}{' '}
                <Text span c="dimmed" fw={600}>
                  {done}/{total}
                </Text>
              </Text>
            )}
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown p="md" maw="calc(100vw - 16px)" data-testid="onboarding-panel">
        <ChecklistPanel state={state} onClose={() => setOpened(false)} />
      </Popover.Dropdown>
    </Popover>
  );
}

function ChecklistPanel({ state, onClose }: { state: OnboardingState; onClose: () => void }) {
  const { t } = useTranslation();
  const dismiss = useSetOnboardingDismissed();
  const done = countDone(state);
  const total = state.steps.length;
  const complete = done === total;

  const hide = () =>
    dismiss.mutate(true, {
      onSuccess: () => {
        onClose();
        notifications.show({ message: t('onboarding.dismissed') });
      },
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    });

  return (
    <Stack gap="md">
      <div>
        <Text fw={700}>{t('onboarding.title')}</Text>
        <Text size="xs" c="dimmed">
          {t('onboarding.intro')}
        </Text>
      </div>
      <div>
        <Progress value={total === 0 ? 0 : (done / total) * 100} color="teal" size="sm" radius="xl" transitionDuration={400} />
        <Text size="xs" c="dimmed" mt={4} data-testid="onboarding-progress">
          {t('onboarding.progress', { done, total })}
        </Text>
      </div>
      <Stack gap="sm">
        {state.steps.map((step) => (
          <StepRow key={step.key} step={step.key} done={step.done} onNavigate={onClose} />
        ))}
      </Stack>
      {complete ? (
        <Alert color="teal" icon={<IconConfetti size={18} />} p="xs" data-testid="onboarding-complete">
          <Text size="sm">{t('onboarding.allDone')}</Text>
        </Alert>
      ) : (
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('onboarding.dismissHint')}
          </Text>
          <Button
            variant="subtle"
            color="gray"
            size="compact-xs"
            onClick={hide}
            loading={dismiss.isPending}
            style={{ flex: 'none' }}
            data-testid="onboarding-dismiss"
          >
            {t('onboarding.dismiss')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function StepRow({ step, done, onNavigate }: { step: OnboardingStepKey; done: boolean; onNavigate: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { icon: Icon, path } = stepMeta[step];
  const go = () => {
    onNavigate();
    void navigate(path);
  };

  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-testid={`onboarding-step-${step}`} data-done={done}>
      <Box className={classes.mark} data-done={done} aria-hidden>
        <Icon size={18} className={classes.icon} />
        <IconCheck size={18} stroke={3} className={classes.check} />
      </Box>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Text size="sm" fw={600} c={done ? 'dimmed' : undefined} td={done ? 'line-through' : undefined}>
            {t(`onboarding.steps.${step}.title`)}
          </Text>
          {done && (
            <Text size="xs" c="teal" fw={600} style={{ flex: 'none' }}>
              {t('onboarding.done')}
            </Text>
          )}
        </Group>
        {!done && (
          <>
            <Text size="xs" c="dimmed">
              {t(`onboarding.steps.${step}.text`)}
            </Text>
            {step === 'try_widget' ? (
              <WidgetAction onCreate={go} />
            ) : (
              <Button
                size="compact-xs"
                variant="light"
                rightSection={<IconArrowRight size={14} />}
                onClick={go}
                style={{ alignSelf: 'flex-start' }}
              >
                {t(`onboarding.steps.${step}.action`)}
              </Button>
            )}
          </>
        )}
      </Stack>
    </Group>
  );
}

/** With a website chat already made, the quickest try is its test page; otherwise make one first. */
function WidgetAction({ onCreate }: { onCreate: () => void }) {
  const { t } = useTranslation();
  const connections = useConnections();
  if (connections.isPending) return <Loader size="xs" />;
  const widgetKey = connections.data?.find((c) => c.type === 'webchat' && c.widgetKey)?.widgetKey;
  const style = { alignSelf: 'flex-start' } as const;
  if (!widgetKey)
    return (
      <Button size="compact-xs" variant="light" rightSection={<IconArrowRight size={14} />} onClick={onCreate} style={style}>
        {t('onboarding.steps.try_widget.action')}
      </Button>
    );
  return (
    <Button
      size="compact-xs"
      variant="light"
      component="a"
      href={`/widget-demo?key=${encodeURIComponent(widgetKey)}`}
      target="_blank"
      rel="noopener"
      rightSection={<IconExternalLink size={14} />}
      style={style}
      data-testid="onboarding-widget-demo"
    >
      {t('onboarding.steps.try_widget.actionDemo')}
    </Button>
  );
}
