import { useState, type KeyboardEvent } from 'react';
import { ActionIcon, Box, Group, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEyeOff, IconNote } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { upsertMessage } from '../tickets/ticketsCache.js';
import { addNote, useMentionable } from './notesApi.js';
import { MentionTextarea } from './MentionTextarea.js';

export const noteBackground = 'light-dark(var(--mantine-color-yellow-0), rgba(250, 176, 5, 0.12))';

/** The composer in note mode: a yellow, locked look so nobody mistakes it for a reply to the customer. */
export function NoteComposer({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const users = useMentionable(true);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const body = text.trim();
    if (!body || saving) return;
    setSaving(true);
    try {
      upsertMessage(qc, ticket.id, await addNote(ticket.id, body), { fromResponse: true });
      setText('');
    } catch (err) {
      notifications.show({
        color: 'red',
        title: t('notes.composer.failed'),
        message: Object.values(fieldErrors(err, t))[0] || errorMessage(err, t),
      });
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <Box px="md" py="sm" style={{ background: noteBackground }} data-testid="note-composer">
      <Group gap={6} mb={6} c="yellow.9">
        <IconEyeOff size={14} aria-hidden />
        <Text size="xs" fw={600}>
          {t('notes.composer.teamOnly')}
        </Text>
      </Group>
      <Group gap={4} align="flex-end" wrap="nowrap">
        <MentionTextarea
          value={text}
          onChange={setText}
          onKeyDown={onKeyDown}
          users={users.data ?? []}
          placeholder={t('notes.composer.placeholder')}
          aria-label={t('notes.composer.placeholder')}
          autosize
          minRows={1}
          maxRows={6}
          maxLength={4096}
          autoFocus
          data-testid="note-input"
        />
        <Tooltip label={t('notes.composer.add')}>
          <ActionIcon
            size="lg"
            color="yellow"
            variant="filled"
            onClick={() => void submit()}
            loading={saving}
            disabled={!text.trim()}
            aria-label={t('notes.composer.add')}
            data-testid="note-submit"
          >
            <IconNote size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Box>
  );
}
