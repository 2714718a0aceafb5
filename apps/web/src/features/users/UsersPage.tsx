import { useMemo, useState } from 'react';
import { Alert, Button, Center, EmptyState, Group, Paper, TextInput } from '@mantine/core';
import { IconAlertCircle, IconMailPlus, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { User } from '@jimmy/contracts';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { useUsers } from './usersApi.js';
import { UsersTable } from './UsersTable.js';
import { UserFormModal } from './UserFormModal.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { InviteUserModal } from '../signup/index.js';

type FormState = { open: false } | { open: true; user: User | null };

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useUsers();
  const [search, setSearch] = useState('');
  const [form, setForm] = useState<FormState>({ open: false });
  const [resetting, setResetting] = useState<User | null>(null);
  const [inviting, setInviting] = useState(false);

  const filtered = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!users.data || !q) return users.data;
    return users.data.filter((u) => u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q));
  }, [users.data, search]);

  const newButton = (
    <Group gap="xs">
      <Button variant="light" leftSection={<IconMailPlus size={18} />} onClick={() => setInviting(true)} data-testid="users-invite">
        {t('signup.invite.action')}
      </Button>
      <Button leftSection={<IconUserPlus size={18} />} onClick={() => setForm({ open: true, user: null })} data-testid="users-new">
        {t('users.new')}
      </Button>
    </Group>
  );

  const isEmpty = users.isSuccess && users.data.length === 0;

  return (
    <>
      <PageHeader title={t('users.title')} description={t('users.subtitle')} actions={newButton} />
      {users.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('users.loadFailed')} data-testid="users-error">
          {errorMessage(users.error, t)}{' '}
          <Button variant="subtle" size="compact-sm" color="red" onClick={() => void users.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : isEmpty ? (
        <Paper withBorder radius="lg" p="xl" data-testid="users-empty">
          <Center mih={280}>
            <EmptyState
              variant="light"
              size="lg"
              icon={<IconUsers size={32} />}
              title={t('users.emptyTitle')}
              description={t('users.emptyText')}
              maw={460}
            >
              <EmptyState.Actions>{newButton}</EmptyState.Actions>
            </EmptyState>
          </Center>
        </Paper>
      ) : (
        <Paper withBorder radius="lg" p={0} style={{ overflow: 'hidden' }}>
          <TextInput
            m="md"
            maw={360}
            leftSection={<IconSearch size={16} />}
            placeholder={t('users.search')}
            aria-label={t('users.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="users-search"
          />
          <UsersTable
            users={filtered}
            loading={users.isPending}
            currentUserId={me.id}
            onEdit={(user) => setForm({ open: true, user })}
            onResetPassword={setResetting}
          />
          {filtered && filtered.length === 0 && (
            <Center p="xl" c="dimmed" fz="sm">
              {t('users.noMatch')}
            </Center>
          )}
        </Paper>
      )}
      <UserFormModal opened={form.open} user={form.open ? form.user : null} onClose={() => setForm({ open: false })} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <InviteUserModal opened={inviting} onClose={() => setInviting(false)} />
    </>
  );
}
