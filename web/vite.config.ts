// The web UI: root web/, output web/dist (served by the API server). JSX through Vite's own oxc transform.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.LUOSHI_API ?? 'http://localhost:3000';

export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: resolve(here, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 1600, sourcemap: false,
    rolldownOptions: {
      // antd and its icons start files with "use client" (a React Server Components hint, meaningless here).
      onwarn(warning, warn) { if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning); },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/healthz': api },
    // The UI imports role labels and messages from ../common.
    fs: { allow: [resolve(here, '..')] },
  },
  preview: { port: 4173 },
});
