import { useState } from 'react';
import { Alert, Box, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { ConversationDialog, type DialogMode } from './ConversationDialog.js';
import { ConversationList } from './ConversationList.js';
import { ConversationView } from './ConversationView.js';
import { useChatConversations } from './teamChatApi.js';

interface Props {
  selectedId: number | null;
  onSelect: (id: number | null) => void;
  /** List and conversation side by side (the page on a wide screen); otherwise one at a time. */
  split: boolean;
  onOpenTicket?: () => void;
}

/** The chat itself, shared by the floating panel and the /chat page. */
export function ChatWorkspace({ selectedId, onSelect, split, onOpenTicket }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const conversations = useChatConversations();
  const [dialog, setDialog] = useState<DialogMode | null>(null);
  const selected = conversations.data?.find((c) => c.id === selectedId) ?? null;

  if (conversations.isPending) {
    return (
      <Center style={{ flex: 1 }}>
        <Loader size="sm" />
      </Center>
    );
  }
  if (conversations.isError) {
    return (
      <Alert m="sm" color="red" variant="light" title={t('teamChat.loadFailed')}>
        {errorMessage(conversations.error, t)}
      </Alert>
    );
  }

  const list = (
    <ConversationList
      conversations={conversations.data}
      selectedId={selected?.id ?? null}
      meId={me.id}
      onSelect={onSelect}
      onNew={(kind) => setDialog({ kind })}
    />
  );
  const view = selected ? (
    <ConversationView
      conversation={selected}
      meId={me.id}
      onBack={split ? undefined : () => onSelect(null)}
      onEdit={() => setDialog({ kind: 'edit', conversation: selected })}
      onOpenTicket={onOpenTicket}
    />
  ) : (
    <Center style={{ flex: 1 }} p="md">
      <Stack gap={4} ta="center">
        <Text fw={600}>{t('teamChat.pickTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('teamChat.pickText')}
        </Text>
      </Stack>
    </Center>
  );

  return (
    <>
      {split ? (
        <Group gap={0} align="stretch" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
          <Box w={300} style={{ display: 'flex', borderRight: '1px solid var(--mantine-color-default-border)', flex: 'none' }}>
            {list}
          </Box>
          <Box style={{ display: 'flex', flex: 1, minWidth: 0 }}>{view}</Box>
        </Group>
      ) : selected ? (
        view
      ) : (
        list
      )}
      {dialog && (
        <ConversationDialog
          key={dialog.kind === 'edit' ? `edit-${dialog.conversation.id}` : dialog.kind}
          mode={dialog}
          meId={me.id}
          onClose={() => setDialog(null)}
          onDone={(c) => {
            setDialog(null);
            onSelect(c.id);
          }}
        />
      )}
    </>
  );
}
