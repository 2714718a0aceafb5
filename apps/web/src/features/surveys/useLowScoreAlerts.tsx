import { useEffect, useEffectEvent } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SurveyLowScoreEvent } from '@jimmy/contracts';
import { useCurrentUser } from '../auth/index.js';
import { useRealtimeSocket } from '../realtime/index.js';

type BrowserNotify = (title: string, body: string, tag: string, onClick: () => void) => void;

/**
 * Supervisors and admins hear at once when a customer rates the service 1 or 2 (the server sends
 * the event only to them): a notification that stays until dismissed, with the way to the ticket,
 * and the browser's own notification when the user allowed it.
 */
export function useLowScoreAlerts(showBrowserNotification: BrowserNotify) {
  const socket = useRealtimeSocket();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { t } = useTranslation();

  const alert = useEffectEvent((event: SurveyLowScoreEvent) => {
    const open = () => void navigate(`/tickets/${event.ticketId}`);
    const id = `survey-low-${event.ticketId}`;
    const title = t('surveys.lowScore.title', { score: event.score });
    const text = t('surveys.lowScore.text', { contact: event.contactName, ticketId: event.ticketId });
    notifications.show({
      id,
      color: 'red',
      autoClose: false,
      title,
      message: (
        <Stack gap={4} align="flex-start" data-testid="survey-low-score-alert">
          <Text size="sm">{text}</Text>
          {event.comment && (
            <Text size="sm" fs="italic" lineClamp={3}>
              {t('surveys.lowScore.comment', { comment: event.comment })}
            </Text>
          )}
          <Button
            size="compact-xs"
            variant="light"
            color="red"
            onClick={() => {
              notifications.hide(id);
              open();
            }}
          >
            {t('surveys.lowScore.open')}
          </Button>
        </Stack>
      ),
    });
    if (me.notificationsEnabled) showBrowserNotification(title, text, id, open);
  });

  useEffect(() => {
    if (!socket || me.role === 'agent') return;
    const onLowScore = (event: SurveyLowScoreEvent) => alert(event);
    socket.on('survey.low-score', onLowScore);
    return () => {
      socket.off('survey.low-score', onLowScore);
    };
  }, [socket, me.role]);
}
