import { Paper, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ChatWorkspace } from './ChatWorkspace.js';
import { useDockState } from './ChatDock.js';

/** /chat: the same chat as the panel, full size; the open conversation is shared with the panel. */
export function ChatPage() {
  const { t } = useTranslation();
  const [state, setState] = useDockState();
  const wide = useMediaQuery('(min-width: 48em)', true);
  const [params, setParams] = useSearchParams();
  const linked = Number(params.get('c'));
  // A mention's link (?c=) opens its conversation once, then the address is clean again.
  useEffect(() => {
    if (!Number.isSafeInteger(linked) || linked <= 0) return;
    setState((s) => ({ ...s, conversationId: linked }));
    setParams({}, { replace: true });
  }, [linked, setState, setParams]);
  return (
    <Stack gap="sm" h={{ base: 'calc(100dvh - 60px - 16px)', sm: 'calc(100dvh - 60px - 32px)' }} data-testid="chat-page">
      <div>
        <Title order={2}>{t('teamChat.title')}</Title>
        <Text size="sm" c="dimmed" visibleFrom="sm">
          {t('teamChat.subtitle')}
        </Text>
      </div>
      <Paper withBorder radius="md" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <ChatWorkspace selectedId={state.conversationId} onSelect={(id) => setState((s) => ({ ...s, conversationId: id }))} split={wide} />
      </Paper>
    </Stack>
  );
}
