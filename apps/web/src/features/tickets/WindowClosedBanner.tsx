import { useState } from 'react';
import { Alert, Button } from '@mantine/core';
import { IconClockExclamation, IconTemplate } from '@tabler/icons-react';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { TemplateDialog } from './TemplateDialog.js';

/** WhatsApp only allows approved templates once 24 h passed since the customer last wrote. */
export function WindowClosedBanner({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [openings, setOpenings] = useState(0);
  return (
    <>
      <Alert
        m="sm"
        color="orange"
        variant="light"
        icon={<IconClockExclamation size={18} />}
        title={t('tickets.window.title')}
        data-testid="window-closed-banner"
      >
        {t('tickets.window.text')}
        <Button
          mt="xs"
          size="xs"
          display="block"
          leftSection={<IconTemplate size={16} />}
          onClick={() => {
            setOpenings((n) => n + 1);
            setOpen(true);
          }}
          data-testid="template-open"
        >
          {t('tickets.window.useTemplate')}
        </Button>
      </Alert>
      <TemplateDialog key={openings} ticket={ticket} opened={open} onClose={() => setOpen(false)} />
    </>
  );
}
