// Unit and integration tests (e2e runs separately in a real Chromium: npm run test:e2e).
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs vitest once per database (TEST_DATABASE=sqlite, then postgres). A test file that can reach the
 * database — it imports the test context, the app, the runtime or the db, or reads TEST_DATABASE — runs on both;
 * the rest (pure functions, the blob stores, the browser code) cannot tell the two apart and run on SQLite only.
 */
const REACHES_DATABASE = /from '[^']*\/(testing|app|runtime|cli|admin-cli|db\/index)\.js'|TEST_DATABASE/;

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

const include =
  process.env.TEST_DATABASE === 'postgres'
    ? testFiles('src').filter((file) => REACHES_DATABASE.test(fs.readFileSync(file, 'utf8')))
    : ['src/**/*.test.ts'];

export default defineConfig({
  test: {
    include,
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    // For the servers some tests spawn (they inherit process.env): those tests send `source: 'web'` to mean "a
    // browser"; the virtual reception's rules are tested in modules/appeals/web.test.ts. See testing.ts too.
    env: { WEB_SMS_CODE_REQUIRED: 'false', WEB_APPEALS_PER_PHONE_DAY: '1000' },
    hookTimeout: 60_000,
  },
});
