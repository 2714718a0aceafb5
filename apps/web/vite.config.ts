import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.js';

// The SPA talks to the API on its own origin (cookies are SameSite=Lax, httpOnly), so in dev
// the Vite server forwards the server's paths instead of the browser calling port 3000 directly.
// JIMMY_API_URL points the dev server at a server on another port (a second checkout, a mock).
const backend = process.env.JIMMY_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    strictPort: true,
    // changeOrigin stays false: the server's CSRF check compares Origin with Host, and both must
    // keep saying localhost:5173 for a proxied POST to count as same-origin.
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true, changeOrigin: false },
      '/healthz': { target: backend },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than our code: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            // use-sync-external-store: react-i18next's shim, which the canvas's store also pulls in; here it stays in the first load without dragging the canvas along.
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|use-sync-external-store)[\\/]/, priority: 3 },
            // Not @mantine/charts and dates: they would drag recharts and dayjs into the first load.
            { name: 'mantine', test: /node_modules[\\/](@mantine[\\/](?!charts|dates)[^\\/]+|@tabler)[\\/]/, priority: 2 },
            // The reports page's charts and date picker with what they need beyond Mantine: loaded with that page only.
            {
              name: 'charts',
              test: /node_modules[\\/](recharts|@mantine[\\/](charts|dates)|dayjs|victory-vendor|@reduxjs|immer|reselect|redux|react-redux|decimal\.js-light|es-toolkit|eventemitter3|tiny-invariant)[\\/]/,
              priority: 1.5,
            },
            // Libraries loaded on demand (emoji picker, QR drawing, the flow builder's canvas) stay out of
            // the first load's vendor chunk; the builder's ones share a chunk of their own.
            { name: 'flow-canvas', test: /node_modules[\\/](@xyflow|zustand|classcat|d3-[a-z]+)[\\/]/, priority: 2 },
            {
              name: 'vendor',
              test: /node_modules[\\/](?!(emoji-picker-react|qrcode|dijkstrajs|pngjs|opus-recorder|@xyflow|zustand|classcat|d3-[a-z]+)[\\/])/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
