import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts'],
    testTimeout: 60000,
    pool: 'forks',
    globalSetup: ['main/test-support/build-main.ts'],
  },
});
