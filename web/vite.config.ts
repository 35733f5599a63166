import { defineConfig } from 'vite';

/**
 * The end-user app: one page (`index.html`) whose routes are all served by the server. Its files
 * go under `/ui/` so they never meet the implementers' page at `/platform/`. Heavy parts (the
 * form runtime, charts, the offline store) are split into chunks loaded when first needed.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  // pouchdb-browser and formily reach for Node's `global`
  define: { global: 'globalThis' },
  build: {
    outDir: 'dist',
    assetsDir: 'ui',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
  },
});
