import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  EmptyState,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCircleCheck, IconCreditCard, IconExternalLink, IconQrcode, IconReceipt } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BillingSummary, CheckoutResponse, PaymentMethod, Plan } from '@jimmy/contracts';
import { CopyField } from '../../components/CopyField.js';
import { NotFoundPage } from '../../components/NotFoundPage.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { useServerOptions } from '../../lib/serverOptions.js';
import { billingKeys, formatBRL, formatDay, useBillingSummary, useCheckout, useInvoiceWatch } from './billingApi.js';
import { InvoiceStatusBadge } from './InvoiceStatusBadge.js';

const statusColors = { trial: 'blue', active: 'green', read_only: 'orange', suspended: 'red' } as const;

/** The company admin's billing: standing, plans, paying (Pix or card at the gateway) and invoices. */
export function BillingPage() {
  const { saas } = useServerOptions();
  const { t } = useTranslation();
  const summary = useBillingSummary();
  if (!saas) return <NotFoundPage />;
  return (
    <>
      <PageHeader title={t('billing.title')} description={t('billing.subtitle')} />
      {summary.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('billing.loadFailed')}>
          {errorMessage(summary.error, t)}{' '}
          <Button variant="subtle" size="compact-sm" color="red" onClick={() => void summary.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : summary.isPending ? (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      ) : (
        <BillingContent summary={summary.data} />
      )}
    </>
  );
}

function BillingContent({ summary }: { summary: BillingSummary }) {
  const { t, i18n } = useTranslation();
  const [planId, setPlanId] = useState<number | null>(summary.plan?.id ?? summary.plans[0]?.id ?? null);
  const [result, setResult] = useState<CheckoutResponse | null>(null);
  const [cpfCnpj, setCpfCnpj] = useState('');
  const checkout = useCheckout();

  const pay = (method: PaymentMethod) => {
    if (planId === null) return;
    // Opened now, inside the click, so the browser does not block it as a pop-up; filled in when the charge exists.
    const tab = method === 'card' ? window.open('', '_blank') : null;
    checkout.mutate(
      { planId, method, ...(cpfCnpj.trim() && { cpfCnpj: cpfCnpj.trim() }) },
      {
        onSuccess: (response) => {
          setResult(response);
          if (tab && response.paymentUrl) tab.location.href = response.paymentUrl;
          else tab?.close();
          if (!response.paymentUrl && !response.pixCode) notifications.show({ color: 'brand', message: t('billing.pay.invoiceCreated') });
        },
        onError: (error) => {
          tab?.close();
          notifications.show({ color: 'red', message: errorMessage(error, t) });
        },
      },
    );
  };

  return (
    <Stack gap="lg">
      <Paper withBorder radius="lg" p="lg" data-testid="billing-current">
        <Stack gap="xs">
          <Title order={4}>{t('billing.current.title')}</Title>
          <Group gap="sm">
            <Text fw={600} data-testid="billing-plan">
              {summary.plan
                ? `${summary.plan.name} · ${t('billing.plans.perMonth', { price: formatBRL(summary.plan.priceCents, i18n.language) })}`
                : t('billing.current.noPlan')}
            </Text>
            <Badge color={statusColors[summary.status]} variant="light" data-testid="billing-status">
              {t(`billing.statuses.${summary.status}`)}
            </Badge>
          </Group>
          {summary.status === 'trial' && summary.trialEndsAt && (
            <Text size="sm" c="dimmed">
              {t('billing.current.trialEndsAt', { at: formatDay(summary.trialEndsAt, i18n.language) })}
            </Text>
          )}
          {summary.paidUntil && (
            <Text size="sm" c="dimmed">
              {t('billing.current.paidUntil', { at: formatDay(summary.paidUntil, i18n.language) })}
            </Text>
          )}
          {summary.status === 'read_only' && (
            <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />}>
              {t('billing.current.readOnlyHint')}
            </Alert>
          )}
        </Stack>
      </Paper>

      <Stack gap="sm">
        <Title order={4}>{t('billing.plans.title')}</Title>
        {summary.plans.length === 0 ? (
          <Text c="dimmed">{t('billing.plans.none')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {summary.plans.map((plan) => (
              <PlanCard key={plan.id} plan={plan} current={summary.plan?.id === plan.id} chosen={planId === plan.id} onChoose={setPlanId} />
            ))}
          </SimpleGrid>
        )}
        {summary.gateway !== 'manual' && (
          <TextInput
            label={t('billing.pay.document')}
            description={t('billing.pay.documentHint')}
            value={cpfCnpj}
            onChange={(e) => setCpfCnpj(e.currentTarget.value)}
            error={checkout.error ? fieldErrors(checkout.error, t).cpfCnpj : undefined}
            maw={320}
            inputMode="numeric"
            data-testid="billing-document"
          />
        )}
        <Group gap="sm">
          {summary.gateway === 'manual' ? (
            <Button
              leftSection={<IconReceipt size={18} />}
              loading={checkout.isPending}
              disabled={planId === null}
              onClick={() => pay('undefined')}
              data-testid="billing-pay-manual"
            >
              {t('billing.pay.manual')}
            </Button>
          ) : (
            <>
              <Button
                leftSection={<IconQrcode size={18} />}
                loading={checkout.isPending && checkout.variables?.method === 'pix'}
                disabled={planId === null || checkout.isPending}
                onClick={() => pay('pix')}
                data-testid="billing-pay-pix"
              >
                {t('billing.pay.pix')}
              </Button>
              <Button
                variant="light"
                leftSection={<IconCreditCard size={18} />}
                loading={checkout.isPending && checkout.variables?.method === 'card'}
                disabled={planId === null || checkout.isPending}
                onClick={() => pay('card')}
                data-testid="billing-pay-card"
              >
                {t('billing.pay.card')}
              </Button>
            </>
          )}
        </Group>
        {summary.gateway === 'manual' && (
          <Text size="sm" c="dimmed">
            {t('billing.current.manualHint')}
          </Text>
        )}
        {result && <PaymentPanel result={result} />}
      </Stack>

      <InvoicesTable summary={summary} />
    </Stack>
  );
}

function PlanCard({ plan, current, chosen, onChoose }: { plan: Plan; current: boolean; chosen: boolean; onChoose: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const count = (value: number | null) =>
    value === null ? t('billing.plans.unlimited') : new Intl.NumberFormat(i18n.language).format(value);
  return (
    <Card
      withBorder
      radius="lg"
      padding="lg"
      data-testid={`billing-plan-${plan.id}`}
      style={chosen ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700}>{plan.name}</Text>
          {current && <Badge variant="light">{t('billing.plans.current')}</Badge>}
        </Group>
        <Text size="xl" fw={700}>
          {t('billing.plans.perMonth', { price: formatBRL(plan.priceCents, i18n.language) })}
        </Text>
        <Stack gap={0}>
          <Text size="sm" c="dimmed">
            {t('billing.plans.users', { n: count(plan.limits.users) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('billing.plans.connections', { n: count(plan.limits.connections) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('billing.plans.messages', { n: count(plan.limits.messagesPerMonth) })}
          </Text>
        </Stack>
        <Button variant={chosen ? 'filled' : 'light'} onClick={() => onChoose(plan.id)} aria-pressed={chosen}>
          {chosen ? t('billing.plans.chosen') : t('billing.plans.choose')}
        </Button>
      </Stack>
    </Card>
  );
}

function PaymentPanel({ result }: { result: CheckoutResponse }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const watch = useInvoiceWatch(result.paymentUrl || result.pixCode ? result.invoice.id : null);
  const paid = watch.data?.status === 'paid';
  useEffect(() => {
    if (paid) void queryClient.invalidateQueries({ queryKey: billingKeys.summary });
  }, [paid, queryClient]);
  if (paid) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} data-testid="billing-paid">
        {t('billing.pay.paid')}
      </Alert>
    );
  }
  if (!result.pixCode && !result.paymentUrl) return null;
  return (
    <Paper withBorder radius="lg" p="lg" data-testid="billing-payment">
      <Stack gap="sm">
        {result.pixCode && (
          <>
            <CopyField label={t('billing.pay.pixTitle')} value={result.pixCode} testId="billing-pix-code" multiline />
            <Text size="sm" c="dimmed">
              {t('billing.pay.pixHint')}
            </Text>
          </>
        )}
        {result.paymentUrl && (
          <Group>
            <Button
              component="a"
              href={result.paymentUrl}
              target="_blank"
              rel="noopener noreferrer"
              variant="light"
              leftSection={<IconExternalLink size={18} />}
              data-testid="billing-payment-url"
            >
              {t('billing.pay.openPage')}
            </Button>
          </Group>
        )}
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('billing.pay.waiting')}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

function InvoicesTable({ summary }: { summary: BillingSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm">
      <Title order={4}>{t('billing.invoices.title')}</Title>
      {summary.invoices.length === 0 ? (
        <Paper withBorder radius="lg" p="xl" data-testid="billing-invoices-empty">
          <Center mih={160}>
            <EmptyState
              variant="light"
              size="lg"
              icon={<IconReceipt size={32} />}
              title={t('billing.invoices.emptyTitle')}
              description={t('billing.invoices.emptyText')}
              maw={440}
            />
          </Center>
        </Paper>
      ) : (
        <Table verticalSpacing="sm" data-testid="billing-invoices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.invoices.period')}</Table.Th>
              <Table.Th>{t('billing.invoices.plan')}</Table.Th>
              <Table.Th>{t('billing.invoices.amount')}</Table.Th>
              <Table.Th>{t('billing.invoices.due')}</Table.Th>
              <Table.Th>{t('billing.invoices.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.invoices.map((invoice) => (
              <Table.Tr key={invoice.id} data-testid={`invoice-${invoice.id}`}>
                <Table.Td>
                  {formatDay(invoice.periodStart, i18n.language)} – {formatDay(invoice.periodEnd, i18n.language)}
                </Table.Td>
                <Table.Td>{invoice.plan.name}</Table.Td>
                <Table.Td>{formatBRL(invoice.amountCents, i18n.language)}</Table.Td>
                <Table.Td>{formatDay(invoice.dueAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <InvoiceStatusBadge invoice={invoice} />
                </Table.Td>
                <Table.Td>
                  {invoice.status === 'open' && invoice.paymentUrl && (
                    <Anchor href={invoice.paymentUrl} target="_blank" rel="noopener noreferrer" size="sm">
                      {t('billing.invoices.open')}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
