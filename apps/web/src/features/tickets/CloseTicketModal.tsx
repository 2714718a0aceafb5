import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { SendSurveyOption, useSurveySettings } from '../surveys/index.js';

/**
 * Confirms closing, with the satisfaction survey as the company set it up. The parent gives each
 * opening a new key, so the checkbox starts again from the company's default.
 */
export function CloseTicketModal({
  ticket,
  opened,
  closing,
  onClose,
  onConfirm,
}: {
  ticket: Ticket;
  opened: boolean;
  closing: boolean;
  onClose: () => void;
  onConfirm: (body: { sendSurvey?: boolean }) => void;
}) {
  const { t } = useTranslation();
  const settings = useSurveySettings(opened);
  const [sendSurvey, setSendSurvey] = useState<boolean | null>(null);
  // A ticket the customer never wrote on gets no survey; the server decides that, the dialog only asks.
  const body = settings.data?.mode === 'agent' ? { sendSurvey: sendSurvey ?? settings.data.agentDefault } : {};
  return (
    <Modal opened={opened} onClose={onClose} title={t('tickets.actions.closeConfirmTitle')} centered>
      <Stack gap="md">
        <Text size="sm">{t('tickets.actions.closeConfirmText')}</Text>
        {ticket.status !== 'closed' && (
          <SendSurveyOption settings={settings.data} loading={settings.isPending} value={sendSurvey} onChange={setSendSurvey} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={closing} onClick={() => onConfirm(body)} data-testid="ticket-close-confirm">
            {t('tickets.actions.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
