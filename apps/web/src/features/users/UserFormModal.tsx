import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, NumberInput, PasswordInput, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { companyRoles, emailSchema, type CompanyRole, type Role, type UpdateUserRequest, type User } from '@jimmy/contracts';
import { errorMessage, fieldErrors, hasFieldErrors } from '../../lib/errors.js';
import { useCurrentUser } from '../auth/index.js';
import { useCreateUser, useUpdateUser } from './usersApi.js';

type FieldName = 'name' | 'email' | 'password' | 'role' | 'active' | 'maxOpenTickets';
type Errors = Partial<Record<FieldName, string>>;

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The user to edit; without one the modal creates a new user. */
  user: User | null;
}

export function UserFormModal({ opened, onClose, user }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={user ? t('users.editTitle') : t('users.createTitle')} centered radius="lg" size="md">
      {/* Keyed and mounted only while open: each opening starts from the row it was opened for. */}
      {opened && <UserForm key={user?.id ?? 'new'} user={user} onDone={onClose} />}
    </Modal>
  );
}

function isCompanyRole(role: Role): role is CompanyRole {
  return (companyRoles as readonly Role[]).includes(role);
}

function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [active, setActive] = useState(user?.active ?? true);
  // Empty means no limit; NumberInput gives '' for an empty field.
  const [maxOpen, setMaxOpen] = useState<number | ''>(user?.maxOpenTickets ?? '');
  const maxOpenTickets = maxOpen === '' ? null : maxOpen;
  const [errors, setErrors] = useState<Errors>({});
  const isSelf = user !== null && user.id === me.id;
  // The server refuses these too; the UI just never offers them (self-lockout, unknown platform roles).
  const roleLocked = isSelf || !isCompanyRole(role);
  const saving = createUser.isPending || updateUser.isPending;

  const validate = (): Errors => {
    const out: Errors = {};
    if (!name.trim()) out.name = t('validation.required');
    if (!email.trim()) out.email = t('validation.required');
    else if (!emailSchema.safeParse(email).success) out.email = t('validation.email');
    if (!user && password.length < 8) out.password = t('validation.passwordMin');
    if (maxOpenTickets !== null && (!Number.isInteger(maxOpenTickets) || maxOpenTickets < 1 || maxOpenTickets > 1000)) {
      out.maxOpenTickets = t('users.maxOpenTicketsInvalid');
    }
    return out;
  };

  const onFailure = (err: unknown) => {
    if (hasFieldErrors(err)) {
      const byField = fieldErrors(err, t);
      setErrors({
        name: byField.name,
        email: byField.email,
        password: byField.password,
        role: byField.role,
        active: byField.active,
        maxOpenTickets: byField.maxOpenTickets,
      });
    } else {
      notifications.show({ color: 'red', title: t('common.error'), message: errorMessage(err, t) });
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      if (!user) {
        if (!isCompanyRole(role)) return;
        const created = await createUser.mutateAsync({ name: name.trim(), email: email.trim(), password, role, maxOpenTickets });
        notifications.show({ color: 'brand', title: t('common.success'), message: t('users.created', { name: created.name }) });
      } else {
        // Send only what changed, so an edit never touches fields the admin did not mean to.
        const patch: UpdateUserRequest = {};
        if (name.trim() !== user.name) patch.name = name.trim();
        if (email.trim().toLowerCase() !== user.email.toLowerCase()) patch.email = email.trim();
        if (!roleLocked && isCompanyRole(role) && role !== user.role) patch.role = role;
        if (!isSelf && active !== user.active) patch.active = active;
        if (maxOpenTickets !== user.maxOpenTickets) patch.maxOpenTickets = maxOpenTickets;
        if (Object.keys(patch).length === 0) return onDone();
        const updated = await updateUser.mutateAsync({ id: user.id, patch });
        notifications.show({ color: 'brand', title: t('common.success'), message: t('users.updated', { name: updated.name }) });
      }
      onDone();
    } catch (err) {
      onFailure(err);
    }
  };

  const roleOptions = (isCompanyRole(role) ? [...companyRoles] : [role, ...companyRoles]).map((r) => ({
    value: r,
    label: t(`roles.${r}`),
  }));

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput
          label={t('users.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
          withAsterisk
          data-testid="user-form-name"
        />
        <TextInput
          label={t('users.email')}
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          withAsterisk
          data-testid="user-form-email"
        />
        {!user && (
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            withAsterisk
            data-testid="user-form-password"
          />
        )}
        <NativeSelect
          label={t('users.role')}
          description={isSelf ? t('users.selfRoleHint') : t('users.roleHint')}
          data={roleOptions}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as Role)} // Options come from the role list above, so the value is a Role.
          disabled={roleLocked}
          error={errors.role}
          data-testid="user-form-role"
        />
        <NumberInput
          label={t('users.maxOpenTickets')}
          description={t('users.maxOpenTicketsHint')}
          min={1}
          max={1000}
          allowDecimal={false}
          allowNegative={false}
          value={maxOpen}
          onChange={(value) => setMaxOpen(typeof value === 'number' ? value : '')}
          error={errors.maxOpenTickets}
          data-testid="user-form-max-open"
        />
        {user && (
          <Switch
            label={t('users.activeLabel')}
            description={isSelf ? t('users.selfActiveHint') : t('users.activeHint')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
            disabled={isSelf}
            error={errors.active}
            data-testid="user-form-active"
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="user-form-submit">
            {user ? t('common.save') : t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
