import type { ComponentType } from 'react';
import type { Role } from '@jimmy/contracts';
import {
  IconAddressBook,
  IconBolt,
  IconCalendarTime,
  IconChartBar,
  IconHierarchy2,
  IconLayoutList,
  IconMessages,
  IconMessageCircle,
  IconPlugConnected,
  IconSettings,
  IconTags,
  IconUsers,
} from '@tabler/icons-react';
import type { ptBR } from '../../lib/i18n/pt-BR.js';

type NavKey = Exclude<keyof typeof ptBR.nav, 'collapse' | 'expand' | 'toggleMobile'>;

const everyone: readonly Role[] = ['super_admin', 'admin', 'supervisor', 'agent'];
const leads: readonly Role[] = ['super_admin', 'admin', 'supervisor'];
const admins: readonly Role[] = ['super_admin', 'admin'];

export interface NavItem {
  key: NavKey;
  path: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Who may see the menu entry and open the route; the server enforces the same on its API. */
  roles: readonly Role[];
}

/** Menu order is product order: the daily work first, administration last. */
export const navItems: readonly NavItem[] = [
  { key: 'tickets', path: '/tickets', icon: IconMessages, roles: everyone },
  { key: 'contacts', path: '/contacts', icon: IconAddressBook, roles: everyone },
  { key: 'connections', path: '/connections', icon: IconPlugConnected, roles: admins },
  { key: 'queues', path: '/queues', icon: IconLayoutList, roles: leads },
  { key: 'flows', path: '/flows', icon: IconHierarchy2, roles: leads },
  { key: 'quickReplies', path: '/quick-replies', icon: IconBolt, roles: everyone },
  { key: 'tags', path: '/tags', icon: IconTags, roles: leads },
  { key: 'schedules', path: '/schedules', icon: IconCalendarTime, roles: everyone },
  { key: 'reports', path: '/reports', icon: IconChartBar, roles: leads },
  { key: 'internalChat', path: '/internal-chat', icon: IconMessageCircle, roles: everyone },
  { key: 'users', path: '/users', icon: IconUsers, roles: admins },
  { key: 'settings', path: '/settings', icon: IconSettings, roles: admins },
];

export function canAccess(role: Role, item: Pick<NavItem, 'roles'>): boolean {
  return item.roles.includes(role);
}

export function navTestId(item: NavItem): string {
  return `nav-${item.path.slice(1)}`;
}
