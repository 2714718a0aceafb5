import { useEffect, useState, type DragEvent } from 'react';
import { Alert, Box, Center, Drawer, Loader, Overlay, Paper, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { Message } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { markRead, useTicket } from './ticketsApi.js';
import { patchTicketEverywhere } from './ticketsCache.js';
import { ConversationHeader } from './ConversationHeader.js';
import { MessageList } from './MessageList.js';
import { Composer } from './Composer.js';
import { ContactPanel } from './ContactPanel.js';
import { WindowClosedBanner } from './WindowClosedBanner.js';
import { windowClosed } from './ticketFormat.js';
import { ComposerWithNotes } from '../notes/index.js';

interface Props {
  ticketId: number;
  /** Beside the conversation on wide screens; over it (a drawer) where there is no room. */
  panel: 'inline' | 'drawer';
  panelOpen: boolean;
  onTogglePanel: () => void;
  onBack: (() => void) | null;
}

export function ConversationPane({ ticketId, panel, panelOpen, onTogglePanel, onBack }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const ticket = useTicket(ticketId);
  const [quote, setQuote] = useState<Message | null>(null);
  const [droppedFile, setDroppedFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  // The server may say the window closed before our copy of the ticket knows it.
  const [windowRejected, setWindowRejected] = useState(false);

  useEffect(() => {
    patchTicketEverywhere(qc, ticketId, { unreadCount: 0 });
    void markRead(ticketId).catch(() => undefined);
  }, [qc, ticketId]);

  if (ticket.isPending) {
    return (
      <Paper withBorder radius="lg" style={{ flex: 1 }} data-testid="conversation" data-state="loading">
        <Center h="100%">
          <Loader />
        </Center>
      </Paper>
    );
  }
  if (ticket.isError) {
    return (
      <Paper withBorder radius="lg" style={{ flex: 1 }} p="lg" data-testid="conversation" data-state="error">
        <Alert color="red" variant="light" title={t('tickets.conversation.unavailable')}>
          {errorMessage(ticket.error, t)}
        </Alert>
      </Paper>
    );
  }
  const current = ticket.data;
  const closedWindow = current.status !== 'closed' && (windowClosed(current) || windowRejected);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file && current.status !== 'closed' && !closedWindow) setDroppedFile(file);
  };

  return (
    <Box style={{ flex: 1, minWidth: 0, display: 'flex', gap: 'var(--mantine-spacing-sm)' }}>
      <Paper
        withBorder
        radius="lg"
        data-testid="conversation"
        data-ticket-id={current.id}
        data-state="ready"
        style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', overflow: 'hidden', position: 'relative' }}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) {
            e.preventDefault();
            setDragging(true);
          }
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <ConversationHeader ticket={current} panelOpen={panelOpen} onTogglePanel={onTogglePanel} onBack={onBack} />
        <Box style={{ flex: 1, minHeight: 0, background: 'var(--mantine-color-body)' }}>
          <MessageList ticket={current} onReply={current.status === 'closed' ? null : setQuote} />
        </Box>
        <ComposerWithNotes
          ticket={current}
          reply={
            closedWindow ? (
              <WindowClosedBanner ticket={current} />
            ) : (
              <Composer
                ticket={current}
                quote={quote}
                onClearQuote={() => setQuote(null)}
                droppedFile={droppedFile}
                onDroppedFileTaken={() => setDroppedFile(null)}
                onWindowClosed={() => setWindowRejected(true)}
              />
            )
          }
        />
        {dragging && (
          <Overlay color="var(--mantine-color-body)" backgroundOpacity={0.85} blur={2} center style={{ pointerEvents: 'none' }}>
            <Box ta="center">
              <IconUpload size={40} />
              <Text fw={600}>{t('tickets.composer.dropHere')}</Text>
            </Box>
          </Overlay>
        )}
      </Paper>
      {panel === 'inline' && panelOpen && <ContactPanel ticket={current} />}
      {panel === 'drawer' && (
        <Drawer
          opened={panelOpen}
          onClose={onTogglePanel}
          position="right"
          size={onBack ? '100%' : 340}
          padding={0}
          title={t('tickets.contact.title')}
          styles={{ header: { paddingInline: 'var(--mantine-spacing-md)' }, body: { height: 'calc(100% - 60px)' } }}
        >
          <ContactPanel ticket={current} bare />
        </Drawer>
      )}
    </Box>
  );
}
