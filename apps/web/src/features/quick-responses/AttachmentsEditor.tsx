import { useRef, useState } from 'react';
import { ActionIcon, Autocomplete, Button, Checkbox, Group, Paper, Progress, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconPaperclip, IconTrash, IconUserPlus } from '@tabler/icons-react';
import type { QuickResponse } from '@jimmy/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/errors.js';
import { AttachmentIcon, attachmentLabel } from './AttachmentIcon.js';
import {
  addContactCard,
  quickResponseKeys,
  removeAttachment,
  reorderAttachments,
  uploadAttachment,
  useContactSearch,
  useQuickResponseMutation,
} from './quickResponsesApi.js';

interface Props {
  response: QuickResponse;
  onChange: (next: QuickResponse) => void;
}

/** The attachments of a saved response: upload with progress, contact cards, drag or arrow keys to reorder. */
export function AttachmentsEditor({ response, onChange }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [asVoice, setAsVoice] = useState(true);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const items = response.attachments;

  const apply = useQuickResponseMutation(async (work: () => Promise<QuickResponse>) => {
    const next = await work();
    onChange(next);
    return next;
  });
  const run = (work: () => Promise<QuickResponse>) =>
    apply.mutate(work, {
      onError: (err) => notifications.show({ color: 'red', message: Object.values(fieldErrors(err, t))[0] || errorMessage(err, t) }),
    });

  const upload = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      setProgress({ name: file.name, fraction: 0 });
      try {
        onChange(await uploadAttachment(response.id, file, asVoice, (fraction) => setProgress({ name: file.name, fraction })));
      } catch (err) {
        notifications.show({ color: 'red', title: t('quickResponses.attachments.uploadFailed'), message: errorMessage(err, t) });
        break;
      }
    }
    setProgress(null);
    await qc.invalidateQueries({ queryKey: quickResponseKeys.all });
  };

  const move = (from: number, to: number) => {
    if (to < 0 || to >= items.length || from === to) return;
    const ids = items.map((a) => a.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved!);
    run(() => reorderAttachments(response.id, ids));
  };

  return (
    <Stack gap="xs" data-testid="qr-attachments">
      <Text size="sm" fw={600}>
        {t('quickResponses.attachments.title')}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('quickResponses.attachments.empty')}
        </Text>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            {t('quickResponses.attachments.dragHint')}
          </Text>
          {items.map((a, index) => (
            <Paper
              key={a.id}
              withBorder
              p={6}
              radius="md"
              draggable
              onDragStart={(e) => {
                setDragged(index);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                if (dragged !== null) move(dragged, index);
                setDragged(null);
              }}
              style={{ cursor: 'grab', opacity: dragged === index ? 0.5 : 1 }}
              data-testid="qr-attachment"
            >
              <Group gap="xs" wrap="nowrap">
                <IconGripVertical size={16} aria-hidden color="var(--mantine-color-dimmed)" />
                <AttachmentIcon attachment={a} />
                <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate="end">
                  {attachmentLabel(a)}
                  {a.kind === 'audio' && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({a.asVoice ? t('quickResponses.attachments.voice') : t('quickResponses.attachments.audioFile')})
                    </Text>
                  )}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                  aria-label={t('quickResponses.attachments.moveUp')}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={index === items.length - 1}
                  onClick={() => move(index, index + 1)}
                  aria-label={t('quickResponses.attachments.moveDown')}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => run(() => removeAttachment(response.id, a.id))}
                  aria-label={t('quickResponses.attachments.remove')}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
        </>
      )}
      {progress && (
        <Stack gap={2} data-testid="qr-upload-progress">
          <Text size="xs">
            {t('quickResponses.attachments.uploading', { name: progress.name, percent: Math.round(progress.fraction * 100) })}
          </Text>
          <Progress value={progress.fraction * 100} animated />
        </Stack>
      )}
      <Group gap="sm" wrap="wrap">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPaperclip size={14} />}
          onClick={() => fileInput.current?.click()}
          disabled={progress !== null}
          data-testid="qr-add-file"
        >
          {t('quickResponses.attachments.addFile')}
        </Button>
        <Checkbox
          size="xs"
          label={t('quickResponses.attachments.asVoice')}
          checked={asVoice}
          onChange={(e) => setAsVoice(e.currentTarget.checked)}
        />
        <input
          ref={fileInput}
          type="file"
          hidden
          multiple
          accept="image/*,video/*,audio/*,application/pdf,.doc,.docx,.xls,.xlsx,.csv,.txt,.zip"
          data-testid="qr-file-input"
          onChange={(e) => {
            void upload(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </Group>
      <ContactCardForm onAdd={(card) => run(() => addContactCard(response.id, card))} busy={apply.isPending} />
    </Stack>
  );
}

function ContactCardForm({ onAdd, busy }: { onAdd: (card: { contactId?: number; name?: string; phone?: string }) => void; busy: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const found = useContactSearch(q);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const options = (found.data ?? []).filter((c) => c.phone).map((c) => ({ value: String(c.id), label: `${c.name} · ${c.phone}` }));

  return (
    <Paper withBorder p="xs" radius="md">
      <Stack gap={6}>
        <Text size="xs" fw={600}>
          {t('quickResponses.attachments.addContact')}
        </Text>
        <Autocomplete
          size="xs"
          label={t('quickResponses.attachments.contactSearch')}
          placeholder={t('quickResponses.attachments.contactSearchPlaceholder')}
          value={search}
          onChange={setSearch}
          data={options}
          filter={({ options: all }) => all}
          onOptionSubmit={(value) => {
            onAdd({ contactId: Number(value) });
            setSearch('');
          }}
          data-testid="qr-contact-search"
        />
        <Text size="xs" c="dimmed">
          {t('quickResponses.attachments.orType')}
        </Text>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            size="xs"
            label={t('quickResponses.attachments.contactName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: '1 1 140px' }}
          />
          <TextInput
            size="xs"
            label={t('quickResponses.attachments.contactPhone')}
            placeholder={t('quickResponses.attachments.contactPhonePlaceholder')}
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            style={{ flex: '1 1 140px' }}
          />
          <Tooltip label={t('quickResponses.attachments.addCard')}>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconUserPlus size={14} />}
              disabled={!name.trim() || !phone.trim()}
              loading={busy}
              onClick={() => {
                onAdd({ name: name.trim(), phone: phone.trim() });
                setName('');
                setPhone('');
              }}
            >
              {t('quickResponses.attachments.addCard')}
            </Button>
          </Tooltip>
        </Group>
      </Stack>
    </Paper>
  );
}
