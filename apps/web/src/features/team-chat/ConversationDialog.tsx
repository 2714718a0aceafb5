import { useState } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ChatConversation } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { createDirect, createGroup, updateGroup, upsertConversation, useChatUsers } from './teamChatApi.js';

export type DialogMode = { kind: 'direct' } | { kind: 'group' } | { kind: 'edit'; conversation: ChatConversation };

interface Props {
  mode: DialogMode | null;
  meId: number;
  onClose: () => void;
  onDone: (conversation: ChatConversation) => void;
}

/** New 1:1 (pick one colleague), new group (name + members) or editing a group. */
export function ConversationDialog({ mode, meId, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const users = useChatUsers(mode !== null);
  const editing = mode?.kind === 'edit' ? mode.conversation : null;
  const [person, setPerson] = useState<string | null>(null);
  const [name, setName] = useState(editing?.name ?? '');
  const [members, setMembers] = useState<string[]>(editing ? editing.members.filter((m) => m.id !== meId).map((m) => String(m.id)) : []);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  const options = (users.data ?? []).filter((u) => u.id !== meId).map((u) => ({ value: String(u.id), label: u.name }));
  const title =
    mode?.kind === 'direct' ? t('teamChat.dialog.directTitle') : editing ? t('teamChat.dialog.editTitle') : t('teamChat.dialog.groupTitle');

  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      const memberIds = members.map(Number);
      const result =
        mode?.kind === 'direct'
          ? await createDirect(Number(person))
          : editing
            ? await updateGroup(editing.id, {
                name,
                memberIds: editing.members.some((m) => m.id === meId) ? [meId, ...memberIds] : memberIds,
              })
            : await createGroup(name, memberIds);
      upsertConversation(qc, result);
      onDone(result);
    } catch (e) {
      setError({ message: errorMessage(e, t), fields: isApiError(e) ? e.fields : {} });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={mode !== null} onClose={onClose} title={title} centered zIndex={400} data-testid="chat-dialog">
      <Stack>
        {users.isSuccess && options.length === 0 && <Text size="sm">{t('teamChat.dialog.noUsers')}</Text>}
        {mode?.kind === 'direct' ? (
          <Select
            label={t('teamChat.dialog.person')}
            placeholder={t('teamChat.dialog.personPlaceholder')}
            data={options}
            value={person}
            onChange={setPerson}
            searchable
            comboboxProps={{ zIndex: 500 }}
            error={error?.fields.userId}
            data-testid="chat-dialog-person"
          />
        ) : (
          <>
            <TextInput
              label={t('teamChat.dialog.name')}
              placeholder={t('teamChat.dialog.namePlaceholder')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={80}
              error={error?.fields.name}
              data-testid="chat-dialog-name"
            />
            <MultiSelect
              label={t('teamChat.dialog.members')}
              placeholder={t('teamChat.dialog.membersPlaceholder')}
              data={options}
              value={members}
              onChange={setMembers}
              searchable
              comboboxProps={{ zIndex: 500 }}
              error={error?.fields.memberIds}
              data-testid="chat-dialog-members"
            />
          </>
        )}
        {error && Object.keys(error.fields).length === 0 && (
          <Alert color="red" variant="light">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('teamChat.dialog.cancel')}
          </Button>
          <Button
            onClick={() => void submit()}
            loading={saving}
            disabled={mode?.kind === 'direct' ? !person : !name.trim()}
            data-testid="chat-dialog-submit"
          >
            {mode?.kind === 'direct' ? t('teamChat.dialog.create') : editing ? t('teamChat.dialog.save') : t('teamChat.dialog.createGroup')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
