import { ActionIcon, Group, Indicator, Paper, Text, Tooltip } from '@mantine/core';
import { useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { IconArrowsMaximize, IconMessageCircle, IconMinus } from '@tabler/icons-react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ChatWorkspace } from './ChatWorkspace.js';
import { useChatConversations } from './teamChatApi.js';
import { useTeamChatRealtime } from './useTeamChatRealtime.js';

export interface DockState {
  open: boolean;
  conversationId: number | null;
}
const DOCK_KEY = 'jimmy.teamChat';

export function useDockState() {
  return useLocalStorage<DockState>({ key: DOCK_KEY, defaultValue: { open: false, conversationId: null } });
}

/** Unread chat messages across the caller's conversations. */
function useChatUnreadTotal(): number {
  const conversations = useChatConversations();
  return (conversations.data ?? []).reduce((n, c) => n + c.unreadCount, 0);
}

/**
 * The header launcher (with the unread badge) and the floating panel it opens, on every page. Open
 * or collapsed and the open conversation survive reloads (localStorage). On a phone the panel is a
 * full-screen sheet. Mounted once in the shell, it also keeps the chat's caches live.
 */
export function ChatDock() {
  const { t } = useTranslation();
  useTeamChatRealtime();
  const [state, setState] = useDockState();
  const unread = useChatUnreadTotal();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = !useMediaQuery('(min-width: 48em)', true);
  const onPage = location.pathname === '/chat';
  const toggle = () => {
    if (onPage) return;
    setState((s) => ({ ...s, open: !s.open }));
  };

  return (
    <>
      <Tooltip label={t('teamChat.launcher')}>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={16}
          disabled={unread === 0}
          color="red"
          offset={4}
          data-testid="chat-badge"
          data-count={unread}
        >
          <ActionIcon
            variant={state.open && !onPage ? 'light' : 'subtle'}
            color="gray"
            size="lg"
            onClick={toggle}
            aria-label={t('teamChat.launcher')}
            aria-expanded={state.open && !onPage}
            data-testid="chat-launcher"
          >
            <IconMessageCircle size={20} />
          </ActionIcon>
        </Indicator>
      </Tooltip>
      {state.open && !onPage && (
        <Paper
          shadow="xl"
          withBorder={!phone}
          radius={phone ? 0 : 'md'}
          data-testid="chat-panel"
          style={{
            position: 'fixed',
            zIndex: 300,
            display: 'flex',
            flexDirection: 'column',
            overflow: 'hidden',
            ...(phone ? { inset: 0 } : { right: 16, bottom: 16, width: 400, height: 'min(600px, calc(100dvh - 92px))' }),
          }}
        >
          <Group justify="space-between" px="sm" py={6} wrap="nowrap" bg="var(--mantine-primary-color-filled)" c="white">
            <Text fw={600} size="sm">
              {t('teamChat.title')}
            </Text>
            <Group gap={2} wrap="nowrap">
              <Tooltip label={t('teamChat.openPage')}>
                <ActionIcon
                  variant="transparent"
                  c="white"
                  onClick={() => {
                    setState((s) => ({ ...s, open: false }));
                    void navigate('/chat');
                  }}
                  aria-label={t('teamChat.openPage')}
                  data-testid="chat-open-page"
                >
                  <IconArrowsMaximize size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('teamChat.collapse')}>
                <ActionIcon
                  variant="transparent"
                  c="white"
                  onClick={toggle}
                  aria-label={t('teamChat.collapse')}
                  data-testid="chat-collapse"
                >
                  <IconMinus size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
          <ChatWorkspace
            selectedId={state.conversationId}
            onSelect={(id) => setState((s) => ({ ...s, conversationId: id }))}
            split={false}
            // On a phone the sheet covers the ticket it links to: get out of the way.
            onOpenTicket={phone ? () => setState((s) => ({ ...s, open: false })) : undefined}
          />
        </Paper>
      )}
    </>
  );
}
