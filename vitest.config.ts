import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string, entry = 'index') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${entry}.ts`, import.meta.url))

// Tests import packages by their published names; the aliases point them at src so no build is needed first.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@shipwatch\/core$/, replacement: src('core') },
      { find: /^@shipwatch\/core\/build$/, replacement: src('core', 'build') },
      { find: /^@shipwatch\/core\/html$/, replacement: src('core', 'html') },
      { find: /^@shipwatch\/deploy-verify$/, replacement: src('deploy-verify') },
      { find: /^@shipwatch\/bundle-budget$/, replacement: src('bundle-budget') },
      { find: /^@shipwatch\/bundle-budget\/(.*)$/, replacement: src('bundle-budget', '$1') },
      { find: /^@shipwatch\/vite-build-metrics$/, replacement: src('vite-build-metrics') },
      { find: /^@shipwatch\/vite-build-metrics\/(.*)$/, replacement: src('vite-build-metrics', '$1') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test-support/temp-folders-guard.ts'],
  },
})
