import { useRef, useState } from 'react';
import { ActionIcon, Alert, Box, CloseButton, FileButton, Group, Image, Text, Tooltip } from '@mantine/core';
import { IconPaperclip, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { ChatConversation } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { MentionTextarea } from '../notes/index.js';
import { useRealtimeSocket } from '../realtime/index.js';
import { addMessage, postChatMessage } from './teamChatApi.js';

const MAX_BYTES = 25 * 1024 * 1024;
const TYPING_EVERY_MS = 2000;

/** Text with @mention autocomplete, one optional file (images previewed), Enter sends, Shift+Enter breaks a line. */
export function ChatComposer({ conversation, meId }: { conversation: ChatConversation; meId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const others = conversation.members.filter((m) => m.id !== meId).map((m) => ({ id: m.id, name: m.name, role: m.role }));

  const choose = (next: File | null) => {
    if (preview) URL.revokeObjectURL(preview);
    if (next && next.size > MAX_BYTES) {
      setError(t('teamChat.composer.tooBig'));
      return;
    }
    setError(null);
    setFile(next);
    setPreview(next && next.type.startsWith('image/') ? URL.createObjectURL(next) : null);
  };

  const send = async () => {
    if (sending || (!text.trim() && !file)) return;
    setSending(true);
    setError(null);
    try {
      const message = await postChatMessage(conversation.id, text.trim(), file);
      addMessage(qc, message, true);
      setText('');
      choose(null);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setSending(false);
    }
  };

  const typed = (value: string) => {
    setText(value);
    const now = Date.now();
    if (value && socket && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      socket.emit('chat.typing', { conversationId: conversation.id });
    }
  };

  return (
    <Box p="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      {error && (
        <Alert color="red" variant="light" p="xs" mb="xs" withCloseButton onClose={() => setError(null)} data-testid="chat-send-error">
          {error}
        </Alert>
      )}
      {file && (
        <Group gap="xs" mb="xs" wrap="nowrap" data-testid="chat-file-preview">
          {preview ? <Image src={preview} alt={file.name} h={56} w={56} fit="cover" radius="sm" /> : <IconPaperclip size={16} />}
          <Text size="xs" truncate style={{ flex: 1 }}>
            {file.name}
          </Text>
          <CloseButton size="sm" aria-label={t('teamChat.composer.removeFile')} onClick={() => choose(null)} />
        </Group>
      )}
      <Group gap={6} wrap="nowrap" align="flex-end">
        <FileButton onChange={choose} accept="*/*">
          {(props) => (
            <Tooltip label={t('teamChat.composer.attach')}>
              <ActionIcon {...props} variant="subtle" size="lg" aria-label={t('teamChat.composer.attach')} data-testid="chat-attach">
                <IconPaperclip size={18} />
              </ActionIcon>
            </Tooltip>
          )}
        </FileButton>
        <MentionTextarea
          value={text}
          onChange={typed}
          users={others}
          autosize
          minRows={1}
          maxRows={5}
          placeholder={t('teamChat.composer.placeholder', { name: conversation.name })}
          aria-label={t('teamChat.composer.placeholder', { name: conversation.name })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
          data-testid="chat-input"
        />
        <ActionIcon
          size="lg"
          onClick={() => void send()}
          loading={sending}
          disabled={!text.trim() && !file}
          aria-label={t('teamChat.composer.send')}
          data-testid="chat-send"
        >
          <IconSend size={18} />
        </ActionIcon>
      </Group>
    </Box>
  );
}
