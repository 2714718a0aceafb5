import type { ReactNode } from 'react';
import type { Role } from '@jimmy/contracts';
import { NoPermissionPage } from '../../components/NoPermissionPage.js';
import { useCurrentUser } from '../auth/index.js';

/** Hiding a menu entry is not enough: a typed-in URL must not render the page either. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  return roles.includes(user.role) ? children : <NoPermissionPage />;
}
