import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built by `npm run build:web` (part of `npm run build`, hence of `npm ci`) into dist/web, which the API serves.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  resolve: {
    alias: { '@vigie/reference-data': fileURLToPath(new URL('./src/reference.ts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    rolldownOptions: {
      // React Router and TanStack Query mark their modules "use client" (for server components): meaningless here.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
