import type { ComponentType } from 'react';
import type { Role } from '@jimmy/contracts';
import { IconAddressBook, IconArrowsSplit, IconClock, IconMessages, IconPlugConnected, IconSettings, IconUsers } from '@tabler/icons-react';
import { IconLayoutKanban, IconTags } from '@tabler/icons-react';
import { IconBolt, IconChartBar, IconMessageCircle, IconPlug, IconSitemap } from '@tabler/icons-react';
import { IconSpeakerphone } from '@tabler/icons-react';
import { IconBuildingSkyscraper, IconFileInvoice, IconGauge, IconReceipt } from '@tabler/icons-react';
import type { ptBR } from '../../lib/i18n/pt-BR.js';

type NavKey = Exclude<keyof typeof ptBR.nav, 'collapse' | 'expand' | 'toggleMobile'>;

const everyone: readonly Role[] = ['super_admin', 'admin', 'supervisor', 'agent'];
const admins: readonly Role[] = ['super_admin', 'admin'];
const managers: readonly Role[] = ['super_admin', 'admin', 'supervisor'];

export interface NavItem {
  key: NavKey;
  path: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Who may see the menu entry and open the route; the server enforces the same on its API. */
  roles: readonly Role[];
  /** Only when the installation is sold as a service (SAAS=on): plans, billing, the platform admin. */
  saasOnly?: boolean;
}

/**
 * Menu order is product order: the daily work first, administration last. A section joins the
 * menu when it works; an entry leading to a placeholder would read as a broken feature.
 */
export const navItems: readonly NavItem[] = [
  { key: 'tickets', path: '/tickets', icon: IconMessages, roles: everyone },
  { key: 'contacts', path: '/contacts', icon: IconAddressBook, roles: everyone },
  { key: 'scheduled', path: '/scheduled', icon: IconClock, roles: everyone },
  { key: 'kanban', path: '/kanban', icon: IconLayoutKanban, roles: everyone },
  { key: 'quickResponses', path: '/quick-responses', icon: IconBolt, roles: everyone },
  { key: 'chat', path: '/chat', icon: IconMessageCircle, roles: everyone },
  { key: 'reports', path: '/reports', icon: IconChartBar, roles: managers },
  { key: 'connections', path: '/connections', icon: IconPlugConnected, roles: admins },
  { key: 'queues', path: '/queues', icon: IconArrowsSplit, roles: admins },
  { key: 'flows', path: '/flows', icon: IconSitemap, roles: managers },
  { key: 'announcements', path: '/announcements', icon: IconSpeakerphone, roles: managers },
  { key: 'tags', path: '/tags', icon: IconTags, roles: admins },
  { key: 'users', path: '/users', icon: IconUsers, roles: admins },
  { key: 'integrations', path: '/integrations', icon: IconPlug, roles: admins },
  { key: 'settings', path: '/settings', icon: IconSettings, roles: admins },
  { key: 'usage', path: '/usage', icon: IconGauge, roles: admins, saasOnly: true },
  { key: 'billing', path: '/billing', icon: IconReceipt, roles: admins, saasOnly: true },
  { key: 'platformInvoices', path: '/platform-invoices', icon: IconFileInvoice, roles: ['super_admin'], saasOnly: true },
  { key: 'platform', path: '/platform', icon: IconBuildingSkyscraper, roles: ['super_admin'], saasOnly: true },
];

export function canAccess(role: Role, item: Pick<NavItem, 'roles' | 'saasOnly'>, saas = true): boolean {
  return item.roles.includes(role) && (saas || !item.saasOnly);
}

export function navTestId(item: NavItem): string {
  return `nav-${item.path.slice(1)}`;
}
