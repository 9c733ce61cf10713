// The web app's build: one React bundle with hashed names in web/dist, served by the Parley server.
// `npm run dev:web` serves it with hot reload and hands API calls to a Parley server on :3000.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const parley = process.env.PARLEY_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  // Fonts stay files: the Content-Security-Policy's font-src is 'self', which refuses data: URLs.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/oauth', '/auth', '/avatars', '/headers'].map((prefix) => [prefix, { target: parley, changeOrigin: false, ws: prefix === '/api' }]),
    ),
  },
});
