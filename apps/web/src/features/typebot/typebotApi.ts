import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TypebotStarted } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { ticketKeys } from '../../lib/queryKeys.js';

export const typebotSettingsKey = ['settings', 'typebot'] as const;

/** "Enviar para o Typebot": the ticket becomes the bot's; the list and header follow through realtime. */
export function useSendToTypebot() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticketId: number) => api<TypebotStarted>(`/api/tickets/${ticketId}/typebot`, { method: 'POST' }),
    onMutate: (ticketId) => {
      notifications.show({ id: `typebot-${ticketId}`, loading: true, message: t('typebot.sending'), autoClose: false });
    },
    onSuccess: (_started, ticketId) => {
      notifications.update({ id: `typebot-${ticketId}`, loading: false, color: 'brand', message: t('typebot.sent'), autoClose: 5000 });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    },
    onError: (error, ticketId) =>
      notifications.update({
        id: `typebot-${ticketId}`,
        loading: false,
        color: 'red',
        title: t('typebot.failed'),
        message: errorMessage(error, t),
        autoClose: 8000,
      }),
  });
}
