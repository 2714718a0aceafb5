import { useState } from 'react';
import { Badge } from '@mantine/core';
import type { Invoice } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';

const colors = { open: 'yellow', overdue: 'red', paid: 'green', void: 'gray' } as const;

/** An open invoice past its due date reads as overdue: that is what the admin needs to see. */
export function InvoiceStatusBadge({ invoice }: { invoice: Pick<Invoice, 'status' | 'dueAt'> }) {
  const { t } = useTranslation();
  const [now] = useState(() => Date.now());
  // A day's slack: an invoice opened at checkout is due at once and is not overdue for it.
  const shown = invoice.status === 'open' && now - new Date(invoice.dueAt).getTime() > 86_400_000 ? 'overdue' : invoice.status;
  return (
    <Badge color={colors[shown]} variant="light" data-testid={`invoice-status-${shown}`}>
      {t(`billing.invoiceStatus.${shown}`)}
    </Badge>
  );
}
