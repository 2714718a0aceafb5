import { Group, Text, useMantineTheme } from '@mantine/core';

/** The chat-bubble mark from the favicon, drawn inline so it follows the theme's brand colour. */
function LogoMark({ size = 32 }: { size?: number }) {
  const theme = useMantineTheme();
  const brand = theme.colors.brand?.[6] ?? '#0ca678';
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="14" fill={brand} />
      <path
        d="M32 13c-10.5 0-19 7.8-19 17.5 0 5.2 2.5 9.9 6.4 13.1L18 52l8.6-4.3c1.7.5 3.5.8 5.4.8 10.5 0 19-7.8 19-17.5S42.5 13 32 13z"
        fill="#fff"
      />
      <path d="M36 24v10.5c0 3-2 5-5 5s-5-2-5-4.5" fill="none" stroke={brand} strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}

export function Logo({ size = 32, withName = true }: { size?: number; withName?: boolean }) {
  return (
    <Group gap={10} wrap="nowrap">
      <LogoMark size={size} />
      {withName && (
        <Text fw={800} fz={size * 0.6} style={{ letterSpacing: '-0.02em', whiteSpace: 'nowrap' }}>
          Jimmy Chat
        </Text>
      )}
    </Group>
  );
}
