// Unit and integration tests (e2e runs separately in a real Chromium: npm run test:e2e).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    // For the servers some tests spawn (they inherit process.env): those tests send `source: 'web'` to mean "a
    // browser"; the virtual reception's rules are tested in modules/appeals/web.test.ts. See testing.ts too.
    env: { WEB_SMS_CODE_REQUIRED: 'false', WEB_APPEALS_PER_PHONE_DAY: '1000' },
    hookTimeout: 60_000,
  },
});
