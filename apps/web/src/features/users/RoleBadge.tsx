import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '@jimmy/contracts';

const roleColor: Record<Role, string> = {
  super_admin: 'grape',
  admin: 'indigo',
  supervisor: 'cyan',
  agent: 'gray',
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge color={roleColor[role]} variant="light" radius="sm" data-role={role}>
      {t(`roles.${role}`)}
    </Badge>
  );
}
