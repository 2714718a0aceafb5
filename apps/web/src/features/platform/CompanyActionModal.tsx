import { useState } from 'react';
import { Button, Modal, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PlatformCompany } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { startImpersonation, useCompanyAction, usePlatformPlans } from './platformApi.js';

export type ModalKind = 'plan' | 'trial' | 'suspend' | 'delete' | 'impersonate';

/** One dialog per row action that needs an answer (a plan, days, a reason, the typed name). */
export function CompanyActionModal({ company, kind, onClose }: { company: PlatformCompany; kind: ModalKind; onClose: () => void }) {
  const { t } = useTranslation();
  const plans = usePlatformPlans();
  const action = useCompanyAction();
  const [planId, setPlanId] = useState<string | null>(company.plan ? String(company.plan.id) : null);
  const [days, setDays] = useState<number | string>(7);
  const [reason, setReason] = useState('');
  const [confirmName, setConfirmName] = useState('');
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(action.error, t);
  const name = company.name;

  const run = (payload: Parameters<typeof action.mutate>[0]['action']) =>
    action.mutate(
      { id: company.id, action: payload },
      {
        onSuccess: () => {
          notifications.show({ color: 'brand', message: t('platform.actions.saved') });
          onClose();
        },
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      },
    );

  const titles: Record<ModalKind, string> = {
    plan: t('platform.planModal.title', { name }),
    trial: t('platform.trialModal.title', { name }),
    suspend: t('platform.suspendModal.title', { name }),
    delete: t('platform.deleteModal.title', { name }),
    impersonate: t('platform.impersonateModal.title', { name }),
  };

  return (
    <Modal opened onClose={onClose} title={titles[kind]} centered>
      <Stack>
        {kind === 'plan' && (
          <>
            <Select
              label={t('platform.planModal.plan')}
              data={(plans.data ?? []).filter((p) => !p.archived).map((p) => ({ value: String(p.id), label: p.name }))}
              value={planId}
              onChange={setPlanId}
              error={fields.planId}
              data-testid="platform-plan-select"
            />
            <Button disabled={!planId} loading={action.isPending} onClick={() => run({ kind: 'plan', planId: Number(planId) })}>
              {t('platform.planModal.submit')}
            </Button>
          </>
        )}
        {kind === 'trial' && (
          <>
            <NumberInput
              label={t('platform.trialModal.days')}
              min={1}
              max={90}
              value={days}
              onChange={setDays}
              error={fields.days}
              data-testid="platform-trial-days"
            />
            <Button
              loading={action.isPending}
              onClick={() => run({ kind: 'extend-trial', days: Number(days) })}
              data-testid="platform-trial-submit"
            >
              {t('platform.trialModal.submit')}
            </Button>
          </>
        )}
        {kind === 'suspend' && (
          <>
            <Text size="sm">{t('platform.suspendModal.text')}</Text>
            <Textarea
              label={t('platform.suspendModal.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fields.reason}
              data-testid="platform-suspend-reason"
            />
            <Button color="red" disabled={!reason.trim()} loading={action.isPending} onClick={() => run({ kind: 'suspend', reason })}>
              {t('platform.suspendModal.submit')}
            </Button>
          </>
        )}
        {kind === 'delete' && (
          <>
            <Text size="sm">{t('platform.deleteModal.text')}</Text>
            <TextInput
              label={t('platform.deleteModal.confirm')}
              placeholder={name}
              value={confirmName}
              onChange={(e) => setConfirmName(e.currentTarget.value)}
              error={fields.confirmName}
              data-testid="platform-delete-confirm"
            />
            <Button
              color="red"
              disabled={confirmName.trim() !== name}
              loading={action.isPending}
              onClick={() => run({ kind: 'delete', confirmName })}
            >
              {t('platform.deleteModal.submit')}
            </Button>
          </>
        )}
        {kind === 'impersonate' && (
          <>
            <Text size="sm">{t('platform.impersonateModal.text')}</Text>
            <Button
              loading={busy}
              data-testid="platform-impersonate-confirm"
              onClick={() => {
                setBusy(true);
                startImpersonation(company.id).catch((error: unknown) => {
                  setBusy(false);
                  notifications.show({ color: 'red', message: errorMessage(error, t) });
                });
              }}
            >
              {t('platform.impersonateModal.submit')}
            </Button>
          </>
        )}
      </Stack>
    </Modal>
  );
}
