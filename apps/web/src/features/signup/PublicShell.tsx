import type { ReactNode } from 'react';
import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Logo } from '../../components/Logo.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { applyLanguage, currentLanguage } from '../../lib/i18n/index.js';

/** The frame of the signed-out pages (sign-up, verification, reset, invitation): logo, language, one card. */
export function PublicShell({
  title,
  subtitle,
  children,
  wide = false,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <Group justify="space-between" p="md">
        <Link to="/login" style={{ color: 'inherit', textDecoration: 'none' }} aria-label={t('signup.backToLogin')}>
          <Logo size={28} />
        </Link>
        <LanguageSwitch language={currentLanguage()} onChange={(next) => void applyLanguage(next)} />
      </Group>
      <Stack px="md" pb="10vh" pt="xl">
        <Paper p="xl" radius="lg" withBorder shadow="sm" w="100%" maw={wide ? 520 : 440} mx="auto">
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={3}>{title}</Title>
              {subtitle && (
                <Text size="sm" c="dimmed">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Box>
  );
}
