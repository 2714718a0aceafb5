import { useState } from 'react';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { ScheduleMessageModal } from './ScheduleMessageModal.js';

/** The composer's clock: schedules the draft (or a new text) for later in this conversation. */
export function ScheduleButton({ ticket, draft }: { ticket: Ticket; draft: string }) {
  const { t } = useTranslation();
  const [opening, setOpening] = useState(0);
  return (
    <>
      <Tooltip label={t('scheduled.schedule')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          onClick={() => setOpening((n) => n + 1)}
          aria-label={t('scheduled.schedule')}
          data-testid="composer-schedule"
        >
          <IconClock size={20} />
        </ActionIcon>
      </Tooltip>
      {opening > 0 && <ScheduleMessageModal key={opening} opened ticket={ticket} initialBody={draft} onClose={() => setOpening(0)} />}
    </>
  );
}
