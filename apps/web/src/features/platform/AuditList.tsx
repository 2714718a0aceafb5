import { Table, Text } from '@mantine/core';
import type { PlatformAuditEntry } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.js';
import { platformPtBR } from './i18n.js';

type ActionKey = keyof typeof platformPtBR.audit.action;
const isKnown = (action: string): action is ActionKey => action in platformPtBR.audit.action;

/** Platform actions, newest first: the operators' log and a company admin's "platform access". */
export function AuditList({ items, showCompany }: { items: PlatformAuditEntry[]; showCompany?: boolean }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <Text c="dimmed">{t('platform.audit.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped data-testid="platform-audit">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('platform.audit.when')}</Table.Th>
            <Table.Th>{t('platform.audit.who')}</Table.Th>
            <Table.Th>{t('platform.audit.what')}</Table.Th>
            {showCompany && <Table.Th>{t('platform.audit.company')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>{formatDateTime(entry.createdAt, i18n.language)}</Table.Td>
              <Table.Td>{entry.actor ? `${entry.actor.name} <${entry.actor.email}>` : '—'}</Table.Td>
              <Table.Td>
                {isKnown(entry.action) ? t(`platform.audit.action.${entry.action}`) : entry.action}
                {typeof entry.details.reason === 'string' ? ` — ${entry.details.reason}` : ''}
              </Table.Td>
              {showCompany && <Table.Td>{entry.companyId ?? (typeof entry.details.name === 'string' ? entry.details.name : '—')}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
