import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './lib/i18n/index.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { queryClient } from './lib/queryClient.js';
import { theme } from './theme.js';
import { router } from './router.js';

// Same key as the inline script in index.html, which applies it before the first paint.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'jimmy.colorScheme' });

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="light">
      {/* Bottom left: drawers (connection details, contact) open on the right, and their title, status and buttons must stay readable. */}
      <Notifications position="bottom-left" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
