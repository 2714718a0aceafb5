import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconNotes, IconRobot, IconSparkles } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useSendToTypebot } from '../typebot/index.js';
import { summarizeConversation, useConsoleIntegrations } from './assistApi.js';

/**
 * The conversation header's integration actions: "Resumir conversa" (a private note written by the
 * AI) and "Enviar para o Typebot". Only what the company switched on is offered; nothing at all
 * when neither is.
 */
export function TicketIntegrationsMenu({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const offered = useConsoleIntegrations();
  const typebot = useSendToTypebot();
  const summarize = useMutation({
    mutationFn: () => summarizeConversation(ticket.id),
    onMutate: () => {
      // A summary takes seconds: say so until it lands (the note itself arrives in the conversation).
      notifications.show({ id: `ai-summary-${ticket.id}`, loading: true, message: t('aiAssist.summarizing'), autoClose: false });
    },
    onSuccess: () =>
      notifications.update({
        id: `ai-summary-${ticket.id}`,
        loading: false,
        color: 'brand',
        message: t('aiAssist.summarized'),
        autoClose: 4000,
      }),
    onError: (error) =>
      notifications.update({
        id: `ai-summary-${ticket.id}`,
        loading: false,
        color: 'red',
        title: t('aiAssist.failed'),
        message: errorMessage(error, t),
        autoClose: 8000,
      }),
  });
  const canSummarize = Boolean(offered.data?.summarize);
  const canTypebot = Boolean(offered.data?.typebot) && ticket.status !== 'closed' && ticket.status !== 'bot';
  if (!canSummarize && !canTypebot) return null;
  const busy = summarize.isPending || typebot.isPending;
  return (
    <Menu position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <Tooltip label={t('aiAssist.actions')}>
          <ActionIcon variant="default" size="lg" loading={busy} aria-label={t('aiAssist.actions')} data-testid="ticket-integrations">
            <IconSparkles size={18} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        {canSummarize && (
          <Menu.Item leftSection={<IconNotes size={16} />} onClick={() => summarize.mutate()} data-testid="ticket-ai-summary">
            {t('aiAssist.summarize')}
          </Menu.Item>
        )}
        {canTypebot && (
          <Menu.Item leftSection={<IconRobot size={16} />} onClick={() => typebot.mutate(ticket.id)} data-testid="ticket-send-typebot">
            {t('typebot.send')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
