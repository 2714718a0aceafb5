import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A WhatsApp-leaning green, a little deeper than WhatsApp's own so white text on it stays readable.
const brand: MantineColorsTuple = [
  '#e6fcf3',
  '#d2f5e6',
  '#a6e9cc',
  '#76ddb0',
  '#4fd399',
  '#36cc8a',
  '#0ca678',
  '#089467',
  '#00825a',
  '#00704b',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 6, dark: 7 },
  colors: { brand },
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
});
