// The kiosk's JavaScript, gzipped, beside its anchor built in the same run: the smallest React app the same Vite
// makes (react + react-dom rendering one paragraph). The budget from the booth issue is 150 KB gzipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';
import react from '@vitejs/plugin-react';

const ROOT = path.resolve(import.meta.dirname, '..');
export const KIOSK_BUDGET_BYTES = 150 * 1024;

/** Gzipped bytes of every script an HTML entry loads: its module script and the chunks it preloads. */
export function scriptBytes(outDir: string, html: string): number {
  const page = fs.readFileSync(path.join(outDir, html), 'utf8');
  const sources = new Set<string>();
  for (const m of page.matchAll(
    /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g,
  )) {
    sources.add(m[1]!);
  }
  let total = 0;
  for (const src of sources) {
    const file = path.join(outDir, src.replace(/^\//, ''));
    total += zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
  return total;
}

export async function measureBundles(): Promise<{ kiosk: number; anchor: number }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-bundle-'));
  try {
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir: path.join(out, 'app'), emptyOutDir: true },
    });
    const kiosk = scriptBytes(path.join(out, 'app'), 'kiosk/index.html');

    const anchorRoot = path.join(out, 'anchor-src');
    fs.mkdirSync(anchorRoot);
    fs.writeFileSync(
      path.join(anchorRoot, 'index.html'),
      '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
    );
    fs.writeFileSync(
      path.join(anchorRoot, 'main.tsx'),
      "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<p>hello</p>);\n",
    );
    await build({
      configFile: false,
      root: anchorRoot,
      logLevel: 'silent',
      plugins: [react()],
      resolve: {
        alias: {
          react: path.join(ROOT, 'node_modules/react'),
          'react-dom': path.join(ROOT, 'node_modules/react-dom'),
        },
      },
      build: { outDir: path.join(out, 'anchor'), emptyOutDir: true },
    });
    const anchor = scriptBytes(path.join(out, 'anchor'), 'index.html');
    return { kiosk, anchor };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
