// Builds the three browser apps (kiosk, office, public site) into dist/web, which the server serves as static files.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = resolve(import.meta.dirname, 'src/web');
const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as {
  version: string;
};

/**
 * `import kk from '../i18n/kk.json?booth'`: the catalogue with only the booth's parts. The three apps share their
 * modules, so a whole catalogue imported by the office would otherwise be the booth's too; this one is a module of its
 * own.
 */
export const BOOTH_NAMESPACES = ['common', 'kiosk', 'problem'] as const;

function boothCatalogues(): Plugin {
  return {
    name: 'dialog-booth-catalogues',
    enforce: 'pre',
    load(id) {
      const [file, query] = id.split('?');
      if (query !== 'booth' || !file?.endsWith('.json')) return null;
      const whole = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const part = Object.fromEntries(BOOTH_NAMESPACES.map((ns) => [ns, whole[ns]]));
      return { code: `export default ${JSON.stringify(part)};`, moduleType: 'js' };
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  // src/web/public is the public-site app, not Vite's folder of files copied verbatim.
  publicDir: false,
  plugins: [boothCatalogues(), react()],
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
