import { useState } from 'react';
import { Alert, Button, Center, EmptyState, Group, Loader, Modal, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconFileInvoice } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { InvoiceStatus, PlatformInvoice } from '@jimmy/contracts';
import { NotFoundPage } from '../../components/NotFoundPage.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { useServerOptions } from '../../lib/serverOptions.js';
import { formatBRL, formatDay, useMarkPaid, usePlatformInvoices } from './billingApi.js';
import { InvoiceStatusBadge } from './InvoiceStatusBadge.js';

type Filter = InvoiceStatus | 'all';

/** The platform admin's invoices of every company, with "mark as paid" for payments received elsewhere. */
export function PlatformInvoicesPage() {
  const { saas } = useServerOptions();
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>('open');
  const list = usePlatformInvoices(filter === 'all' ? null : filter);
  const [confirming, setConfirming] = useState<PlatformInvoice | null>(null);
  if (!saas) return <NotFoundPage />;

  return (
    <>
      <PageHeader
        title={t('billing.platform.title')}
        description={t('billing.platform.subtitle')}
        actions={
          <SegmentedControl
            aria-label={t('billing.platform.filter')}
            value={filter}
            onChange={(value) => setFilter(value)}
            data={[
              { value: 'open', label: t('billing.invoiceStatus.open') },
              { value: 'paid', label: t('billing.invoiceStatus.paid') },
              { value: 'void', label: t('billing.invoiceStatus.void') },
              { value: 'all', label: t('billing.platform.all') },
            ]}
            data-testid="platform-invoices-filter"
          />
        }
      />
      {list.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('billing.loadFailed')}>
          {errorMessage(list.error, t)}{' '}
          <Button variant="subtle" size="compact-sm" color="red" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : list.isPending ? (
        <Center p="xl">
          <Loader size="sm" />
        </Center>
      ) : list.data.length === 0 ? (
        <Paper withBorder radius="lg" p="xl" data-testid="platform-invoices-empty">
          <Center mih={200}>
            <EmptyState
              variant="light"
              size="lg"
              icon={<IconFileInvoice size={32} />}
              title={t('billing.platform.emptyTitle')}
              description={t('billing.platform.emptyText')}
              maw={440}
            />
          </Center>
        </Paper>
      ) : (
        <Table verticalSpacing="sm" highlightOnHover data-testid="platform-invoices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.platform.company')}</Table.Th>
              <Table.Th>{t('billing.invoices.period')}</Table.Th>
              <Table.Th>{t('billing.invoices.plan')}</Table.Th>
              <Table.Th>{t('billing.invoices.amount')}</Table.Th>
              <Table.Th>{t('billing.invoices.due')}</Table.Th>
              <Table.Th>{t('billing.invoices.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((invoice) => (
              <Table.Tr key={invoice.id} data-testid={`platform-invoice-${invoice.id}`}>
                <Table.Td>{invoice.company.name}</Table.Td>
                <Table.Td>
                  {formatDay(invoice.periodStart, i18n.language)} – {formatDay(invoice.periodEnd, i18n.language)}
                </Table.Td>
                <Table.Td>{invoice.plan.name}</Table.Td>
                <Table.Td>{formatBRL(invoice.amountCents, i18n.language)}</Table.Td>
                <Table.Td>{formatDay(invoice.dueAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <InvoiceStatusBadge invoice={invoice} />
                    {invoice.paidBy && (
                      <Text size="xs" c="dimmed">
                        {t('billing.platform.paidBy', { name: invoice.paidBy.name })}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {invoice.status === 'open' && (
                    <Button size="compact-sm" variant="light" onClick={() => setConfirming(invoice)} data-testid="mark-paid">
                      {t('billing.platform.markPaid')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmMarkPaid invoice={confirming} onClose={() => setConfirming(null)} />
    </>
  );
}

function ConfirmMarkPaid({ invoice, onClose }: { invoice: PlatformInvoice | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const markPaid = useMarkPaid();
  const confirm = () => {
    if (!invoice) return;
    markPaid.mutate(invoice.id, {
      onSuccess: () => {
        notifications.show({ color: 'brand', message: t('billing.platform.marked') });
        onClose();
      },
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    });
  };
  return (
    <Modal
      opened={invoice !== null}
      onClose={markPaid.isPending ? () => undefined : onClose}
      title={t('billing.platform.confirmTitle')}
      centered
    >
      {invoice && (
        <Stack gap="md">
          <Text size="sm">
            {t('billing.platform.confirmText', {
              amount: formatBRL(invoice.amountCents, i18n.language),
              company: invoice.company.name,
              period: `${formatDay(invoice.periodStart, i18n.language)} – ${formatDay(invoice.periodEnd, i18n.language)}`,
            })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={markPaid.isPending}>
              {t('billing.platform.cancel')}
            </Button>
            <Button leftSection={<IconCheck size={18} />} loading={markPaid.isPending} onClick={confirm} data-testid="mark-paid-confirm">
              {t('billing.platform.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
