import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console's build: static files the service serves at / (src/console). No inline script or
// style anywhere: the service's Content-Security-Policy allows only its own origin.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/ui',
    emptyOutDir: true,
    // Never inline assets as data: URLs into scripts; small ones stay files too.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  // `npx vite --config web/vite.config.mts`: the console with hot reload, the API from `npm start`.
  server: {
    proxy: Object.fromEntries(
      ['/ai-ml-model-registration', '/ai-ml-model-discovery', '/experiment', '/health'].map((path) => [
        path,
        'http://127.0.0.1:8082',
      ]),
    ),
  },
});
