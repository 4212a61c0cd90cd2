// Builds the three browser apps (kiosk, office, public site) into dist/web, which the server serves as static files.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = resolve(import.meta.dirname, 'src/web');
const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as {
  version: string;
};

export default defineConfig({
  root,
  base: '/',
  // src/web/public is the public-site app, not Vite's folder of files copied verbatim.
  publicDir: false,
  plugins: [react()],
  // The booth reports its software version in its heartbeat.
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        kiosk: resolve(root, 'kiosk/index.html'),
        office: resolve(root, 'office/index.html'),
        public: resolve(root, 'public/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
