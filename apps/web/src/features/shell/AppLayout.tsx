import { Suspense } from 'react';
import { AppShell, Badge, Burger, Center, Group, Loader, ScrollArea } from '@mantine/core';
import { useDisclosure, useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { IconBuilding } from '@tabler/icons-react';
import { Outlet } from 'react-router';
import { TicketsRealtimeBridge } from '../tickets/index.js';
import { useLiveConnectionUpdates } from '../connections/index.js';
import { useTranslation } from 'react-i18next';
import { Logo } from '../../components/Logo.js';
import { useCurrentUser } from '../auth/index.js';
import { RealtimeStatus, ReconnectingBanner } from '../realtime/index.js';
import { Sidebar } from './Sidebar.js';
import { UserMenu } from './UserMenu.js';
import { NotificationBell } from '../notes/index.js';
import { ChatDock } from '../team-chat/index.js';
import { AnnouncementBanner } from '../announcements/index.js';
import { OnboardingButton } from '../onboarding/index.js';

export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  // Connection status and QR changes reach every page that shows connections (filters, new conversation).
  useLiveConnectionUpdates();
  const [mobileOpen, mobile] = useDisclosure(false);
  // The rail state is a per-device habit, so it lives in this browser rather than in the profile.
  const [railPreferred, setRailPreferred] = useLocalStorage({ key: 'jimmy.sidebarCollapsed', defaultValue: false });
  // The icon rail is a desktop layout; the mobile drawer always shows full labels. 48em is Mantine's `sm`.
  const isDesktop = useMediaQuery('(min-width: 48em)', true);
  const collapsed = railPreferred && isDesktop;
  // Below 30em (a 390 px phone) the header's icons need the room the wordmark takes.
  const roomForName = useMediaQuery('(min-width: 30em)', true);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: collapsed ? 76 : 248, breakpoint: 'sm', collapsed: { mobile: !mobileOpen } }}
      // Phones keep their few pixels for content.
      padding={{ base: 'xs', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={mobileOpen} onClick={mobile.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggleMobile')} />
            <Logo size={30} withName={roomForName} />
            <Badge
              variant="light"
              color="gray"
              size="lg"
              radius="sm"
              leftSection={<IconBuilding size={14} />}
              visibleFrom="xs"
              data-testid="company-name"
              styles={{ root: { textTransform: 'none', fontWeight: 600 } }}
            >
              {user.companyName}
            </Badge>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <OnboardingButton />
            <RealtimeStatus />
            <ChatDock />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <AppShell.Section grow component={ScrollArea} p={collapsed ? 'xs' : 'sm'}>
          <Sidebar collapsed={collapsed} onNavigate={mobile.close} />
        </AppShell.Section>
        <AppShell.Section p={collapsed ? 'xs' : 'sm'} visibleFrom="sm">
          <Sidebar.CollapseToggle collapsed={collapsed} onToggle={() => setRailPreferred((c) => !c)} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <ReconnectingBanner />
        <AnnouncementBanner />
        <TicketsRealtimeBridge />
        <Suspense
          fallback={
            <Center h={200}>
              <Loader />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
