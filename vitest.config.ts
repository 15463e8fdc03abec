import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: [
      'test/globalSetup.ts',
      'test/servers/setup.ts',
      'test/servers/oauthSetup.ts',
      'test/servers/davSetup.ts',
    ],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/integration/**', 'test/browser/**'],
        },
      },
      {
        // Real servers and a real browser: one file at a time, so a server restart in one test cannot hit another.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
        },
      },
    ],
  },
});
