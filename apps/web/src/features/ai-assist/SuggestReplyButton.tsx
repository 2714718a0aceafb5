import { ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSparkles } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { suggestReply, useConsoleIntegrations } from './assistApi.js';

/**
 * The composer's "Sugerir resposta": asks the company's AI for a draft and hands it to the composer
 * as plain text, to be edited and sent by the agent; the server never sends it. Hidden while the
 * action is off or the AI integration is not set up.
 */
export function SuggestReplyButton({ ticket, onDraft }: { ticket: Ticket; onDraft: (text: string) => void }) {
  const { t } = useTranslation();
  const offered = useConsoleIntegrations();
  const suggest = useMutation({
    mutationFn: () => suggestReply(ticket.id),
    onSuccess: ({ text }) => {
      onDraft(text);
      notifications.show({ color: 'brand', message: t('aiAssist.suggested'), autoClose: 4000 });
    },
    onError: (error) => notifications.show({ color: 'red', title: t('aiAssist.failed'), message: errorMessage(error, t) }),
  });
  if (!offered.data?.suggestReply || ticket.status === 'closed') return null;
  const label = suggest.isPending ? t('aiAssist.suggesting') : t('aiAssist.suggest');
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        color="violet"
        size="lg"
        loading={suggest.isPending}
        onClick={() => suggest.mutate()}
        aria-label={label}
        data-testid="composer-ai-suggest"
      >
        <IconSparkles size={20} />
      </ActionIcon>
    </Tooltip>
  );
}
