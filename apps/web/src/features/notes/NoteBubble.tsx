import { useState } from 'react';
import { ActionIcon, Box, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPencil, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { Message } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useCurrentUser } from '../auth/index.js';
import { upsertMessage } from '../tickets/ticketsCache.js';
import { deleteNote, editNote, removeMessage, useMentionable } from './notesApi.js';
import { MentionTextarea } from './MentionTextarea.js';
import { NoteBody } from './NoteBody.js';
import { noteBackground } from './NoteComposer.js';

/** A private note in the timeline: neither a customer nor an agent bubble, with its author's actions. */
export function NoteBubble({ message, highlighted, readOnly = false }: { message: Message; highlighted: boolean; readOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const users = useMentionable(editing !== null);
  const mine = message.userId === me.id;
  const canDelete = !readOnly && (mine || me.role === 'admin' || me.role === 'super_admin');

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      notifications.show({ color: 'red', title: t('notes.note.failed'), message: errorMessage(err, t) });
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      if (!editing?.trim()) return;
      upsertMessage(qc, message.ticketId, await editNote(message.ticketId, message.id, editing.trim()), { fromResponse: true });
      setEditing(null);
    });
  const remove = () =>
    run(async () => {
      await deleteNote(message.ticketId, message.id);
      removeMessage(qc, message.ticketId, message.id);
      setConfirming(false);
      notifications.show({ color: 'gray', message: t('notes.note.deleted') });
    });

  return (
    <Box px="md" py={4} data-testid={`message-${message.id}`} data-type="note" data-highlighted={highlighted || undefined}>
      <Box
        mx="auto"
        maw={560}
        px="sm"
        py={6}
        style={{
          background: noteBackground,
          border: '1px dashed var(--mantine-color-yellow-6)',
          borderRadius: 8,
          outline: highlighted ? '2px solid var(--mantine-color-yellow-7)' : undefined,
        }}
      >
        <Group gap={6} justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap" c="yellow.9" style={{ minWidth: 0 }}>
            <IconLock size={13} aria-label={t('notes.note.label')} />
            <Text size="xs" fw={600} truncate>
              {message.userName ?? t('notes.bell.someone')}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatDateTime(message.createdAt, i18n.language)}
              {message.editedAt ? ` · ${t('notes.note.edited')}` : ''}
            </Text>
          </Group>
          {editing === null && (
            <Group gap={2} wrap="nowrap">
              {mine && !readOnly && (
                <Tooltip label={t('notes.note.edit')}>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray"
                    onClick={() => setEditing(message.body)}
                    aria-label={t('notes.note.edit')}
                    data-testid="note-edit"
                  >
                    <IconPencil size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
              {canDelete && (
                <Tooltip label={t('notes.note.delete')}>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="red"
                    onClick={() => setConfirming(true)}
                    aria-label={t('notes.note.delete')}
                    data-testid="note-delete"
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          )}
        </Group>
        {editing === null ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={`message-text-${message.id}`}>
            <NoteBody message={message} />
          </Text>
        ) : (
          <Stack gap={6} mt={4}>
            <MentionTextarea
              value={editing}
              onChange={setEditing}
              users={users.data ?? []}
              autosize
              minRows={1}
              maxRows={8}
              maxLength={4096}
              autoFocus
              aria-label={t('notes.note.edit')}
              data-testid="note-edit-input"
            />
            <Group gap="xs" justify="flex-end">
              <Button size="compact-xs" variant="default" onClick={() => setEditing(null)}>
                {t('notes.note.cancel')}
              </Button>
              <Button
                size="compact-xs"
                color="yellow"
                loading={busy}
                disabled={!editing.trim()}
                onClick={() => void save()}
                data-testid="note-save"
              >
                {t('notes.note.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Box>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('notes.note.confirmTitle')} centered>
        <Stack gap="sm">
          <Text size="sm">{t('notes.note.confirmText')}</Text>
          {!mine && (
            <Text size="sm" c="dimmed">
              {t('notes.note.confirmAdmin', { name: message.userName ?? t('notes.bell.someone') })}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('notes.note.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void remove()} data-testid="note-delete-confirm">
              {t('notes.note.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Box>
  );
}
