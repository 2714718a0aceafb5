import { useState } from 'react';
import { Alert, Box, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Ticket, UserAvailability } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { useQueues } from '../connections/index.js';
import { useAgents, useAvailability, useTransferTicket } from './ticketsApi.js';
import { useTicketPath } from './useTicketListParams.js';
import { MentionTextarea, useMentionable } from '../notes/index.js';

/** The parent gives each opening a new key, so a reopened dialog starts from the ticket's current queue. */
export function TransferModal({ ticket, opened, onClose }: { ticket: Ticket; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const ticketPath = useTicketPath();
  const queues = useQueues();
  // Agents may not list users (403): then only queues are offered.
  const agents = useAgents(opened && me.role !== 'agent');
  const availability = useAvailability(opened && me.role !== 'agent');
  const transfer = useTransferTicket();
  // The note becomes a private note: `@Name` mentions (and notifies) a teammate, e.g. the receiver.
  const mentionable = useMentionable(opened);
  const [queueId, setQueueId] = useState<string | null>(ticket.queueId ? String(ticket.queueId) : null);
  const [userId, setUserId] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const queue = queues.data?.find((q) => String(q.id) === queueId);
  const agentOptions = (agents.data ?? [])
    .filter((u) => u.active && (!queue || queue.userIds.length === 0 || queue.userIds.includes(u.id)))
    .map((u) => ({ value: String(u.id), label: u.name }));
  const describe = (a: UserAvailability | undefined) => {
    if (!a) return '';
    const load =
      a.maxOpenTickets === null
        ? t('tickets.transfer.load', { open: a.openTickets })
        : t('tickets.transfer.loadOf', { open: a.openTickets, max: a.maxOpenTickets });
    return `${a.online ? t('tickets.transfer.online') : t('tickets.transfer.offline')} · ${load}`;
  };
  const canPickAgent = agents.isSuccess;

  const submit = () => {
    if (!queueId && !userId) return;
    transfer.mutate(
      {
        id: ticket.id,
        body: {
          ...(queueId ? { queueId: Number(queueId) } : {}),
          // The server keeps the current agent when userId is absent; null is what sends it back to the queue's waiting list.
          userId: userId ? Number(userId) : null,
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'brand', message: t('tickets.transfer.done') });
          onClose();
          // Handing it to someone else usually means it leaves my list.
          if (userId !== String(me.id)) void navigate(ticketPath(null));
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('tickets.transfer.title')} centered data-testid="transfer-modal">
      <Stack gap="sm">
        <Select
          label={t('tickets.transfer.queue')}
          placeholder={t('tickets.transfer.noQueue')}
          clearable
          data={(queues.data ?? []).map((q) => ({ value: String(q.id), label: q.name }))}
          value={queueId}
          onChange={(v) => {
            setQueueId(v);
            setUserId(null);
          }}
          data-testid="transfer-queue"
        />
        {canPickAgent ? (
          <Select
            label={t('tickets.transfer.agent')}
            placeholder={t('tickets.transfer.anyAgent')}
            clearable
            searchable
            data={agentOptions}
            description={userId ? describe(availability.data?.get(Number(userId))) : undefined}
            renderOption={({ option }) => {
              const a = availability.data?.get(Number(option.value));
              return (
                <Group gap="xs" wrap="nowrap" w="100%" data-testid={`transfer-agent-option-${option.value}`}>
                  <Box w={8} h={8} style={{ borderRadius: '50%', flexShrink: 0 }} bg={a?.online ? 'green.6' : 'gray.5'} aria-hidden />
                  <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate>
                    {option.label}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                    {describe(a)}
                  </Text>
                </Group>
              );
            }}
            value={userId}
            onChange={setUserId}
            data-testid="transfer-agent"
          />
        ) : (
          <Text size="xs" c="dimmed">
            {t('tickets.transfer.queueOnlyHint')}
          </Text>
        )}
        <MentionTextarea
          users={mentionable.data ?? []}
          label={t('tickets.transfer.note')}
          autosize
          minRows={2}
          maxRows={5}
          maxLength={1000}
          value={note}
          onChange={setNote}
          data-testid="transfer-note"
        />
        {queueId && !userId && (
          <Text size="xs" c="dimmed">
            {t('tickets.transfer.backToPending')}
          </Text>
        )}
        {transfer.isError && (
          <Alert color="red" variant="light">
            {errorMessage(transfer.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={!queueId && !userId} loading={transfer.isPending} data-testid="transfer-submit">
            {t('tickets.transfer.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
