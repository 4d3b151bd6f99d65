// Builds the single-page web client. The server serves web/dist in
// production; in development Vite proxies API and health calls to it so the
// browser sees one origin and the session cookie and CSRF rules behave the same
// (the realtime WebSocket included).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const serverOrigin = 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: serverOrigin, ws: true },
      '/healthz': serverOrigin,
      '/readyz': serverOrigin,
    },
  },
});
