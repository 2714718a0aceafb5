import { Avatar, Group, Menu, Switch, Text, UnstyledButton, useComputedColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell, IconChevronDown, IconKey, IconLanguage, IconLogout, IconMoon, IconSun, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n/index.js';
import { initials } from '../../lib/format.js';
import { useAuth, useCurrentUser } from '../auth/index.js';
import { ProfileModal } from './ProfileModal.js';
import { ChangePasswordModal } from './ChangePasswordModal.js';
import { OnboardingMenuItem } from '../onboarding/index.js';

export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { logout, setLanguage, setTheme, setNotificationsEnabled } = useAuth();
  const scheme = useComputedColorScheme('light');
  const [profileOpen, profile] = useDisclosure(false);
  const [passwordOpen, password] = useDisclosure(false);
  const language = currentLanguage();
  const otherLanguage = language === 'pt-BR' ? 'en' : 'pt-BR';

  return (
    <>
      <Menu position="bottom-end" width={260} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" aria-label={t('userMenu.open')} style={{ borderRadius: 999 }}>
            <Group gap={8} wrap="nowrap">
              <Avatar color="brand" radius="xl" size={34}>
                {initials(user.name)}
              </Avatar>
              <Text size="sm" fw={600} visibleFrom="md" maw={160} truncate>
                {user.name}
              </Text>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
              {user.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {user.email} · {t(`roles.${user.role}`)}
            </Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item leftSection={<IconUser size={16} />} onClick={profile.open} data-testid="profile-open">
            {t('userMenu.profile')}
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={password.open} data-testid="change-password-open">
            {t('userMenu.changePassword')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconLanguage size={16} />}
            onClick={() => void setLanguage(otherLanguage)}
            data-testid="lang-switch"
            data-lang={language}
            rightSection={
              <Text size="xs" c="dimmed">
                {language === 'pt-BR' ? 'PT' : 'EN'}
              </Text>
            }
          >
            {t('userMenu.language', { language: t(`language.${otherLanguage}`) })}
          </Menu.Item>
          <Menu.Item
            leftSection={scheme === 'dark' ? <IconSun size={16} /> : <IconMoon size={16} />}
            onClick={() => void setTheme(scheme === 'dark' ? 'light' : 'dark')}
            data-testid="theme-toggle"
            data-scheme={scheme}
          >
            {scheme === 'dark' ? t('userMenu.themeLight') : t('userMenu.themeDark')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconBell size={16} />}
            closeMenuOnClick={false}
            onClick={() => void setNotificationsEnabled(!user.notificationsEnabled)}
            rightSection={<Switch size="xs" checked={user.notificationsEnabled} readOnly tabIndex={-1} aria-hidden />}
            data-testid="notifications-toggle"
            data-enabled={user.notificationsEnabled}
          >
            {user.notificationsEnabled ? t('userMenu.notificationsOn') : t('userMenu.notificationsOff')}
          </Menu.Item>
          <OnboardingMenuItem />
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void logout()} data-testid="logout">
            {t('userMenu.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ProfileModal opened={profileOpen} onClose={profile.close} />
      <ChangePasswordModal opened={passwordOpen} onClose={password.close} />
    </>
  );
}
