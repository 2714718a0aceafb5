import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { ScheduledItem } from './ScheduledItem.js';
import { useCompanyTimeZone, useScheduledList, useScheduledRealtime } from './scheduledApi.js';
import { useScheduleEditor } from './useScheduleEditor.js';

/** "Agendadas" beside a conversation: its scheduled messages, newest send time first, with their actions. */
export function TicketScheduled({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const zone = useCompanyTimeZone();
  const list = useScheduledList({ ticketId: ticket.id });
  const { edit, editor } = useScheduleEditor();
  useScheduledRealtime();

  return (
    <Stack gap="xs" data-testid="ticket-scheduled">
      <Title order={6}>{t('scheduled.list.panelTitle')}</Title>
      {list.isPending ? (
        <Center p="sm">
          <Loader size="xs" />
        </Center>
      ) : list.isError ? (
        <Alert color="red" variant="light" p="xs">
          {t('scheduled.list.loadFailed')} {errorMessage(list.error, t)}
        </Alert>
      ) : list.data.length === 0 ? (
        <Text size="xs" c="dimmed" data-testid="ticket-scheduled-empty">
          {t('scheduled.list.panelEmpty')}
        </Text>
      ) : (
        list.data.map((item) => <ScheduledItem key={item.id} item={item} zone={zone} onEdit={edit} />)
      )}
      {editor}
    </Stack>
  );
}
