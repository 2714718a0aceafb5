import { Avatar, Group, Skeleton, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@jimmy/contracts';
import { formatDateTime, initials } from '../../lib/format.js';

const SKELETON_ROWS = 6;

interface Props {
  contacts: Contact[];
  loading: boolean;
  onOpen: (contact: Contact) => void;
}

export function ContactsTable({ contacts, loading, onOpen }: Props) {
  const { t, i18n } = useTranslation();

  const rows = loading
    ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
        <Table.Tr key={`skeleton-${i}`} data-testid="contacts-skeleton">
          {Array.from({ length: 4 }, (_, j) => (
            <Table.Td key={j}>
              <Skeleton height={j === 0 ? 28 : 14} width={j === 0 ? '80%' : '60%'} radius="xl" />
            </Table.Td>
          ))}
        </Table.Tr>
      ))
    : contacts.map((contact) => (
        <Table.Tr
          key={contact.id}
          onClick={() => onOpen(contact)}
          // A row is a button for keyboard users too: Enter or Space opens the drawer.
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              onOpen(contact);
            }
          }}
          tabIndex={0}
          style={{ cursor: 'pointer' }}
          data-testid={`contact-row-${contact.id}`}
        >
          <Table.Td>
            <Group gap="sm" wrap="nowrap">
              <Avatar src={contact.avatarUrl} color="brand" radius="xl" size={32}>
                {initials(contact.name)}
              </Avatar>
              <Text size="sm" fw={600}>
                {contact.name}
              </Text>
            </Group>
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={contact.phone ? undefined : 'dimmed'}>
              {contact.phone ?? '—'}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={contact.email ? undefined : 'dimmed'}>
              {contact.email ?? '—'}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{formatDateTime(contact.createdAt, i18n.language)}</Text>
          </Table.Td>
        </Table.Tr>
      ));

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="contacts-table" aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contacts.colName')}</Table.Th>
            <Table.Th>{t('contacts.colPhone')}</Table.Th>
            <Table.Th>{t('contacts.colEmail')}</Table.Th>
            <Table.Th>{t('contacts.colCreated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
