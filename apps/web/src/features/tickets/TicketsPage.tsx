import { useEffect, useState } from 'react';
import { Box, Center, EmptyState, Paper } from '@mantine/core';
import { useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { IconMessages } from '@tabler/icons-react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TicketList } from './TicketList.js';
import { ConversationPane } from './ConversationPane.js';
import { openTicketRef } from './openTicket.js';
import { useTicketPath } from './useTicketListParams.js';

/** The agent console: ticket list, the open conversation and the contact beside it. */
export function TicketsPage() {
  const { t } = useTranslation();
  const params = useParams();
  const parsed = Number(params.ticketId);
  const ticketId = Number.isInteger(parsed) && parsed > 0 ? parsed : null;
  useEffect(() => {
    openTicketRef.current = ticketId;
    return () => {
      openTicketRef.current = null;
    };
  }, [ticketId]);

  const navigate = useNavigate();
  const ticketPath = useTicketPath();
  const isWide = useMediaQuery('(min-width: 62em)', true);
  // Below this an inline contact panel would squeeze the conversation, so it slides over it instead.
  const roomy = useMediaQuery('(min-width: 90em)', true);
  const [panelOpen, setPanelOpen] = useLocalStorage({ key: 'jimmy.contactPanelOpen', defaultValue: true });
  const [drawerOpen, setDrawerOpen] = useState(false);
  // On a narrow screen the list and the conversation take turns on the whole width.
  const showList = isWide || ticketId === null;
  const showConversation = isWide || ticketId !== null;

  return (
    <Box
      data-testid="tickets-page"
      style={{
        display: 'flex',
        gap: 'var(--mantine-spacing-sm)',
        // Fill the shell's main area exactly, so only the inner lists scroll.
        height: 'calc(100dvh - var(--app-shell-header-height, 60px) - 2 * var(--app-shell-padding, var(--mantine-spacing-lg)))',
        minHeight: 420,
      }}
    >
      {showList && (
        <Paper
          withBorder
          radius="lg"
          style={{ width: isWide ? 356 : '100%', flexShrink: 0, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}
          data-testid="ticket-list-column"
        >
          <TicketList selectedId={ticketId} />
        </Paper>
      )}
      {showConversation &&
        (ticketId === null ? (
          <Paper withBorder radius="lg" style={{ flex: 1, minWidth: 0 }}>
            <Center h="100%">
              <EmptyState
                variant="light"
                size="lg"
                icon={<IconMessages size={32} />}
                title={t('tickets.noSelectionTitle')}
                description={t('tickets.noSelectionText')}
                maw={420}
                data-testid="conversation-empty"
              />
            </Center>
          </Paper>
        ) : (
          <ConversationPane
            key={ticketId}
            ticketId={ticketId}
            panel={roomy ? 'inline' : 'drawer'}
            panelOpen={roomy ? panelOpen : drawerOpen}
            onTogglePanel={() => (roomy ? setPanelOpen((o) => !o) : setDrawerOpen((o) => !o))}
            onBack={isWide ? null : () => void navigate(ticketPath(null))}
          />
        ))}
    </Box>
  );
}
