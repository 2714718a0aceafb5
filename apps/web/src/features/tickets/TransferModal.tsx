import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Ticket } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { useQueues } from '../connections/index.js';
import { useAgents, useTransferTicket } from './ticketsApi.js';
import { useTicketPath } from './useTicketListParams.js';

/** The parent gives each opening a new key, so a reopened dialog starts from the ticket's current queue. */
export function TransferModal({ ticket, opened, onClose }: { ticket: Ticket; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const ticketPath = useTicketPath();
  const queues = useQueues();
  // Agents may not list users (403): then only queues are offered.
  const agents = useAgents(opened && me.role !== 'agent');
  const transfer = useTransferTicket();
  const [queueId, setQueueId] = useState<string | null>(ticket.queueId ? String(ticket.queueId) : null);
  const [userId, setUserId] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const queue = queues.data?.find((q) => String(q.id) === queueId);
  const agentOptions = (agents.data ?? [])
    .filter((u) => u.active && (!queue || queue.userIds.length === 0 || queue.userIds.includes(u.id)))
    .map((u) => ({ value: String(u.id), label: u.name }));
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
            value={userId}
            onChange={setUserId}
            data-testid="transfer-agent"
          />
        ) : (
          <Text size="xs" c="dimmed">
            {t('tickets.transfer.queueOnlyHint')}
          </Text>
        )}
        <Textarea
          label={t('tickets.transfer.note')}
          autosize
          minRows={2}
          maxRows={5}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
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
