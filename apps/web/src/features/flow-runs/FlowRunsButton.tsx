import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/index.js';
import { useHadFlow } from './flowRunsApi.js';
import { FlowRunsDrawer } from './FlowRunsDrawer.js';

const managerRoles = new Set(['super_admin', 'admin', 'supervisor']);

/** "Ver execução do fluxo": for managers (the API refuses agents), on tickets a flow ran on. */
export function FlowRunsButton({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const manager = managerRoles.has(me.role);
  const hadFlow = useHadFlow(ticket, manager);
  const [opened, setOpened] = useState(false);
  if (!manager || (!hadFlow && !opened)) return null;
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconRoute size={16} />}
        onClick={() => setOpened(true)}
        data-testid="ticket-flow-runs"
      >
        {t('flowRuns.open')}
      </Button>
      <FlowRunsDrawer ticket={ticket} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
