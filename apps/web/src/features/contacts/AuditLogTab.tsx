import { Alert, Button, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useAuditLog } from './extrasApi.js';

/** Settings › Audit log (admins): newest first, with who did it. */
export function AuditLogTab() {
  const { t, i18n } = useTranslation();
  const log = useAuditLog();
  if (log.isPending) return <Loader size="sm" />;
  if (log.isError) return <Alert color="red">{errorMessage(log.error, t)}</Alert>;
  const items = log.data.pages.flatMap((p) => p.items);
  return (
    <Stack gap="md" data-testid="audit-log">
      <Text size="sm" c="dimmed">
        {t('contactExtras.audit.intro')}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contactExtras.audit.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contactExtras.audit.when')}</Table.Th>
                <Table.Th>{t('contactExtras.audit.who')}</Table.Th>
                <Table.Th>{t('contactExtras.audit.what')}</Table.Th>
                <Table.Th>{t('contactExtras.audit.target')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{formatDateTime(entry.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{entry.actor?.name ?? t('contactExtras.audit.system')}</Table.Td>
                  <Table.Td>{t(`contactExtras.audit.actions.${entry.action}`, { defaultValue: entry.action })}</Table.Td>
                  <Table.Td>
                    {entry.targetType === 'contact' && entry.targetId !== null
                      ? t('contactExtras.audit.contact', { id: entry.targetId })
                      : entry.targetType}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.hasNextPage && (
        <Button variant="subtle" size="xs" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
          {t('contactExtras.audit.more')}
        </Button>
      )}
    </Stack>
  );
}
