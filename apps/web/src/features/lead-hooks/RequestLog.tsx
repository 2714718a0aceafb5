import { ActionIcon, Badge, Code, Group, Popover, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBraces, IconExternalLink, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LeadHookRequestLog } from '@jimmy/contracts';
import { codeMessage, errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useReplayLeadRequest } from './leadHooksApi.js';

const statusColor = { accepted: 'green', rejected: 'orange', failed: 'red' } as const;

/** Every request the hook received, newest first: outcome, the reason of a refusal, and Replay. */
export function RequestLog({ hookId, items }: { hookId: number; items: LeadHookRequestLog[] }) {
  const { t, i18n } = useTranslation();
  const replay = useReplayLeadRequest(hookId);
  const run = async (id: number) => {
    try {
      const result = await replay.mutateAsync(id);
      notifications.show({
        color: statusColor[result.status],
        message: t('leadHooks.replayed', { status: t(`leadHooks.status.${result.status}`) }),
      });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
  };
  return (
    <Stack gap="xs">
      <Title order={4}>{t('leadHooks.logTitle')}</Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="lead-log-empty">
          {t('leadHooks.logEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6} data-testid="lead-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('leadHooks.when')}</Table.Th>
                <Table.Th>{t('leadHooks.result')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id} data-testid={`lead-log-${item.id}`} data-status={item.status}>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(item.createdAt, i18n.language)}</Text>
                    <Text size="xs" c="dimmed">
                      #{item.id}
                      {item.replayOf !== null && ` · ${t('leadHooks.replayOf', { id: item.replayOf })}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Badge color={statusColor[item.status]} variant="light">
                        {t(`leadHooks.status.${item.status}`)} · {item.httpStatus}
                      </Badge>
                    </Group>
                    {item.error && (
                      <Text size="xs" c="dimmed" mt={4} style={{ wordBreak: 'break-word' }}>
                        {codeMessage(item.error.code, item.error.message, t)}
                        {item.error.fields &&
                          ` (${Object.entries(item.error.fields)
                            .map(([k, v]) => `${k}: ${v}`)
                            .join('; ')})`}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Popover width={360} position="bottom-end" withArrow shadow="md">
                        <Popover.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={t('leadHooks.payload')}>
                            <IconBraces size={16} />
                          </ActionIcon>
                        </Popover.Target>
                        <Popover.Dropdown>
                          <Code block style={{ maxHeight: 280, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                            {item.payload != null ? JSON.stringify(item.payload, null, 2) : (item.raw ?? '')}
                          </Code>
                        </Popover.Dropdown>
                      </Popover>
                      {item.ticketId !== null && (
                        <Tooltip label={t('leadHooks.openTicket')} withArrow>
                          <ActionIcon
                            component={Link}
                            to={`/tickets/${item.ticketId}`}
                            variant="subtle"
                            aria-label={t('leadHooks.openTicket')}
                          >
                            <IconExternalLink size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      {item.payload != null && (
                        <Tooltip label={t('leadHooks.replayHint')} withArrow>
                          <ActionIcon
                            variant="light"
                            onClick={() => void run(item.id)}
                            loading={replay.isPending && replay.variables === item.id}
                            aria-label={t('leadHooks.replay')}
                            data-testid={`lead-log-replay-${item.id}`}
                          >
                            <IconPlayerPlay size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
