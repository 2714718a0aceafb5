import { NavLink, Stack, Tooltip, UnstyledButton, Group, Text } from '@mantine/core';
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand } from '@tabler/icons-react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/index.js';
import { useServerOptions } from '../../lib/serverOptions.js';
import { canAccess, navItems, navTestId } from './navigation.js';
import classes from './Sidebar.module.css';

export function Sidebar({ collapsed, onNavigate }: { collapsed: boolean; onNavigate: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { saas } = useServerOptions();
  const { pathname } = useLocation();

  return (
    <Stack gap={4} component="nav" aria-label="main">
      {navItems
        .filter((item) => canAccess(user.role, item, saas))
        .map((item) => {
          const label = t(`nav.${item.key}`);
          const active = pathname === item.path || pathname.startsWith(`${item.path}/`);
          const Icon = item.icon;
          return (
            <Tooltip key={item.key} label={label} position="right" disabled={!collapsed} withArrow>
              <NavLink
                component={RouterLink}
                to={item.path}
                onClick={onNavigate}
                active={active}
                label={collapsed ? undefined : label}
                aria-label={label}
                leftSection={<Icon size={20} stroke={1.7} />}
                variant="light"
                className={collapsed ? classes.railLink : classes.link}
                data-testid={navTestId(item)}
              />
            </Tooltip>
          );
        })}
    </Stack>
  );
}

function CollapseToggle({ collapsed, onToggle }: { collapsed: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const label = collapsed ? t('nav.expand') : t('nav.collapse');
  const Icon = collapsed ? IconLayoutSidebarLeftExpand : IconLayoutSidebarLeftCollapse;
  return (
    <Tooltip label={label} position="right" disabled={!collapsed}>
      <UnstyledButton
        onClick={onToggle}
        className={classes.toggle}
        aria-label={label}
        data-testid="sidebar-toggle"
        data-collapsed={collapsed}
      >
        <Group gap="sm" wrap="nowrap" justify={collapsed ? 'center' : 'flex-start'}>
          <Icon size={20} stroke={1.7} />
          {!collapsed && <Text size="sm">{label}</Text>}
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}

Sidebar.CollapseToggle = CollapseToggle;
