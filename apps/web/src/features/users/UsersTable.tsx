import { ActionIcon, Avatar, Badge, Group, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { IconKey, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { User } from '@jimmy/contracts';
import { formatDateTime, initials } from '../../lib/format.js';
import { RoleBadge } from './RoleBadge.js';
import { InvitationBadge, ResendInvitationButton } from '../signup/index.js';

interface Props {
  users: User[] | undefined;
  loading: boolean;
  currentUserId: number;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

const SKELETON_ROWS = 4;

export function UsersTable({ users, loading, currentUserId, onEdit, onResetPassword }: Props) {
  const { t, i18n } = useTranslation();

  const rows = loading
    ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
        <Table.Tr key={`skeleton-${i}`} data-testid="users-skeleton">
          {Array.from({ length: 6 }, (_, j) => (
            <Table.Td key={j}>
              <Skeleton height={j === 0 ? 28 : 14} width={j === 0 ? '80%' : '60%'} radius="xl" />
            </Table.Td>
          ))}
        </Table.Tr>
      ))
    : (users ?? []).map((user) => (
        <Table.Tr key={user.id} data-testid={`user-row-${user.id}`} data-email={user.email} opacity={user.active ? 1 : 0.65}>
          <Table.Td>
            <Group gap="sm" wrap="nowrap">
              <Avatar color={user.active ? 'brand' : 'gray'} radius="xl" size={32}>
                {initials(user.name)}
              </Avatar>
              <Text size="sm" fw={600}>
                {user.name}
                {user.id === currentUserId && (
                  <Text span size="xs" c="dimmed" fw={400}>
                    {' '}
                    ({t('users.you')})
                  </Text>
                )}
              </Text>
            </Group>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{user.email}</Text>
          </Table.Td>
          <Table.Td>
            <RoleBadge role={user.role} />
          </Table.Td>
          <Table.Td>
            <Badge variant="dot" color={user.active ? 'brand' : 'gray'} data-testid="user-status" data-active={user.active}>
              {user.active ? t('users.active') : t('users.inactive')}
            </Badge>
            {user.invitationPending && <InvitationBadge />}
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={user.lastLoginAt ? undefined : 'dimmed'}>
              {user.lastLoginAt ? formatDateTime(user.lastLoginAt, i18n.language) : t('users.never')}
            </Text>
          </Table.Td>
          <Table.Td>
            <Group gap={4} justify="flex-end" wrap="nowrap">
              {user.invitationPending && <ResendInvitationButton user={user} />}
              <Tooltip label={t('users.edit')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => onEdit(user)}
                  aria-label={t('users.edit')}
                  data-testid={`user-edit-${user.id}`}
                >
                  <IconPencil size={18} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('users.resetPassword')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => onResetPassword(user)}
                  aria-label={t('users.resetPassword')}
                  data-testid={`user-reset-password-${user.id}`}
                >
                  <IconKey size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Table.Td>
        </Table.Tr>
      ));

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="users-table" aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.colName')}</Table.Th>
            <Table.Th>{t('users.colEmail')}</Table.Th>
            <Table.Th>{t('users.colRole')}</Table.Th>
            <Table.Th>{t('users.colStatus')}</Table.Th>
            <Table.Th>{t('users.colLastLogin')}</Table.Th>
            <Table.Th ta="right">{t('users.colActions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
