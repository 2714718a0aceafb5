import { lazy, Suspense, useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import {
  ActionIcon,
  Alert,
  Box,
  CloseButton,
  Group,
  Loader,
  Popover,
  Text,
  Textarea,
  Tooltip,
  useComputedColorScheme,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconMoodSmile, IconPaperclip, IconSend } from '@tabler/icons-react';
import type { Message, Ticket } from '@jimmy/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.js';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { sendText } from './ticketsApi.js';
import { upsertMessage } from './ticketsCache.js';
import { messagePreview } from './ticketFormat.js';
import { AttachmentModal } from './AttachmentModal.js';
import { VoiceRecorder } from './VoiceRecorder.js';
import { uploadMessage } from './uploadMessage.js';
import { ScheduleButton } from '../scheduled/index.js';
import { SuggestReplyButton } from '../ai-assist/index.js';
import { useQuickResponsePalette } from '../quick-responses/index.js';

// The picker and its emoji data are big; only agents who open it pay for the download.
const EmojiPicker = lazy(() => import('emoji-picker-react'));

interface Props {
  ticket: Ticket;
  quote: Message | null;
  onClearQuote: () => void;
  droppedFile: File | null;
  onDroppedFileTaken: () => void;
  onWindowClosed: () => void;
}

export function Composer({ ticket, quote, onClearQuote, droppedFile, onDroppedFileTaken, onWindowClosed }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const scheme = useComputedColorScheme('light');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [recording, setRecording] = useState(false);
  const [voiceError, setVoiceError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  // A file dropped on the conversation waits in the parent until this modal is done with it.
  const attachment = file ?? droppedFile;
  const fileInput = useRef<HTMLInputElement>(null);
  const quick = useQuickResponsePalette({ ticketId: ticket.id, text, setText, input });

  useEffect(() => {
    if (quote) input.current?.focus();
  }, [quote]);

  if (ticket.status === 'closed') {
    return (
      <Group
        px="md"
        py="sm"
        gap="xs"
        c="dimmed"
        style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
        data-testid="composer-closed"
      >
        <IconLock size={16} />
        <Text size="sm">{t('tickets.composer.closed')}</Text>
      </Group>
    );
  }

  /** True when the error was shown in a way that makes the draft pointless (window closed, ticket closed). */
  const handleError = (err: unknown): boolean => {
    if (isApiError(err) && err.code === 'WINDOW_CLOSED') {
      onWindowClosed();
      return true;
    }
    const message =
      isApiError(err) && err.code === 'TICKET_CLOSED'
        ? t('tickets.composer.ticketClosed')
        : Object.values(fieldErrors(err, t))[0] || errorMessage(err, t);
    notifications.show({ color: 'red', title: t('tickets.composer.sendFailed'), message });
    return isApiError(err) && err.code === 'TICKET_CLOSED';
  };

  const sent = (m: Message) => {
    upsertMessage(qc, ticket.id, m, { fromResponse: true });
    onClearQuote();
  };

  const submit = async () => {
    const body = text.trim();
    if ((!body && !quick.staged) || sending) return;
    setSending(true);
    try {
      if (quick.staged) {
        (await quick.send(body)).forEach(sent);
        quick.clear();
      } else sent(await sendText(ticket.id, body, quote?.id));
      setText('');
    } catch (err) {
      handleError(err);
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (quick.onKeyDown(e)) return;
    // IME composition (Japanese, Chinese) uses Enter to confirm a word, not to send.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = Array.from(e.clipboardData.files).find((f) => f.type.startsWith('image/'));
    if (pasted) {
      e.preventDefault();
      setFile(pasted);
    }
  };

  const insertEmoji = (emoji: string) => {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  // An AI draft goes into the box for the agent to edit; one already typed is kept above it.
  const takeSuggestion = (suggestion: string) => {
    setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${suggestion}` : suggestion).slice(0, 4096));
    input.current?.focus();
  };

  const sendVoice = async (blob: Blob) => {
    try {
      sent(await uploadMessage(ticket.id, { file: blob, fileName: 'voice.ogg', voice: true, quotedMessageId: quote?.id }, () => undefined));
    } catch (err) {
      handleError(err);
    }
  };

  return (
    <Box px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} data-testid="composer">
      {quote && (
        <Group
          gap="xs"
          mb="xs"
          wrap="nowrap"
          px="xs"
          py={4}
          style={{
            borderLeft: '3px solid var(--mantine-color-brand-6)',
            borderRadius: 4,
            background: 'var(--mantine-color-default-hover)',
          }}
          data-testid="composer-quote"
        >
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Text size="xs" fw={600} c="brand">
              {t('tickets.composer.replyingTo')}
            </Text>
            <Text size="xs" c="dimmed" truncate="end">
              {messagePreview(quote.type, quote.body, t)}
            </Text>
          </Box>
          <CloseButton
            size="sm"
            onClick={onClearQuote}
            aria-label={t('tickets.composer.cancelReply')}
            data-testid="composer-quote-cancel"
          />
        </Group>
      )}
      {voiceError && (
        <Alert color="red" variant="light" mb="xs" p="xs" withCloseButton onClose={() => setVoiceError(null)} data-testid="voice-error">
          {voiceError}
        </Alert>
      )}
      {quick.element}
      <Group gap={4} align="flex-end" wrap="nowrap">
        {!recording && (
          <>
            <Popover opened={emojiOpen} onChange={setEmojiOpen} position="top-start" shadow="md" withinPortal>
              <Popover.Target>
                <Tooltip label={t('tickets.composer.emoji')}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    onClick={() => setEmojiOpen((o) => !o)}
                    aria-label={t('tickets.composer.emoji')}
                    data-testid="composer-emoji"
                  >
                    <IconMoodSmile size={20} />
                  </ActionIcon>
                </Tooltip>
              </Popover.Target>
              <Popover.Dropdown p={0}>
                <Suspense fallback={<Loader m="md" size="sm" />}>
                  <EmojiPicker
                    emojiStyle="native"
                    theme={scheme}
                    lazyLoadEmojis
                    onEmojiClick={(d) => insertEmoji(d.emoji)}
                    searchPlaceHolder={t('tickets.composer.emojiSearch')}
                    previewConfig={{ showPreview: false }}
                  />
                </Suspense>
              </Popover.Dropdown>
            </Popover>
            <Tooltip label={t('tickets.composer.attach')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                onClick={() => fileInput.current?.click()}
                aria-label={t('tickets.composer.attach')}
                data-testid="composer-attach"
              >
                <IconPaperclip size={20} />
              </ActionIcon>
            </Tooltip>
            <ScheduleButton ticket={ticket} draft={text} />
            <SuggestReplyButton ticket={ticket} onDraft={takeSuggestion} />
            <input
              ref={fileInput}
              type="file"
              hidden
              data-testid="composer-file"
              onChange={(e) => {
                const picked = e.currentTarget.files?.[0];
                if (picked) setFile(picked);
                e.currentTarget.value = '';
              }}
            />
            <Textarea
              ref={input}
              style={{ flex: 1 }}
              autosize
              minRows={1}
              maxRows={6}
              maxLength={4096}
              placeholder={t('tickets.composer.placeholder')}
              aria-label={t('tickets.composer.placeholder')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              onKeyDown={onKeyDown}
              onPaste={onPaste}
              data-testid="composer-input"
            />
          </>
        )}
        {recording && <Box style={{ flex: 1 }} />}
        {(text.trim() || quick.staged) && !recording ? (
          <Tooltip label={t('tickets.composer.send')}>
            <ActionIcon
              size="lg"
              loading={sending}
              onClick={() => void submit()}
              aria-label={t('tickets.composer.send')}
              data-testid="composer-send"
            >
              <IconSend size={18} />
            </ActionIcon>
          </Tooltip>
        ) : (
          <>
            <VoiceRecorder disabled={sending} onRecorded={(b) => void sendVoice(b)} onError={setVoiceError} onActiveChange={setRecording} />
            {!recording && (
              // Kept in the DOM (disabled) so the send control is always findable, even with an empty draft.
              <ActionIcon size="lg" disabled aria-label={t('tickets.composer.send')} data-testid="composer-send">
                <IconSend size={18} />
              </ActionIcon>
            )}
          </>
        )}
      </Group>
      <Text size="10px" c="dimmed" mt={4} visibleFrom="sm">
        {t('tickets.composer.hint')}
      </Text>
      <AttachmentModal
        // A new file starts a fresh caption and progress.
        key={attachment ? `${attachment.name}:${attachment.size}:${attachment.lastModified}` : 'none'}
        ticketId={ticket.id}
        file={attachment}
        quotedMessageId={quote?.id}
        onClose={() => {
          setFile(null);
          onDroppedFileTaken();
        }}
        onSent={sent}
        onFailed={handleError}
      />
    </Box>
  );
}
