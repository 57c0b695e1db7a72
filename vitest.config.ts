import { defineConfig } from 'vitest/config';

// Two projects: the unit tests need nothing but Node; the integration tests start the real parts
// (docker-registry, skopeo), and their global setup refuses to run, loudly, when one is missing.
// `vitest run test/unit` selects only unit files, so that setup does not run for it.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
