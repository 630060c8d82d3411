import { defineConfig, type Options } from 'tsup'

// The plugin is imported by vite.config.ts, so its import time is part of every build. Node's ESM loader costs
// ≈ 1.5 ms per module on top of the code itself: the Vite, Rollup and Rolldown entries are each one file, with the
// parts of `@shipwatch/core/lite` and `@shipwatch/core/context` they use bundled in (the latter's code runs only once
// a build starts). With Vite already loaded, the import took 19–20 ms as seven modules and takes 8–10 ms as one.
// External: the optional peers, env-ci (loaded only in CI), and picocolors (bundling it would save ≈ 1.5 ms but
// ship its code under our name). The two builds run at once, so `dist` is emptied by the build script, not `clean`.
// Those three files are also minified, keeping identifiers (stack traces stay readable; source maps ship): V8 scans
// every byte of a module when it compiles it, and 105 kB → 77 kB took the import from 8.0 to 6.7 ms (medians of 15).
// These entries use `buildMetricsFactory`, without the webpack and esbuild parts (81.6 → 69.5 kB with page validation
// left to `@shipwatch/core/html`: 8.65 → 7.85 ms, medians of 30).
const shared: Options = {
  format: ['esm'],
  target: 'node20',
  sourcemap: true,
  external: [
    'vite',
    'rollup',
    'rolldown',
    'esbuild',
    'webpack',
    '@rspack/core',
    // Page validation stays in core's own file, loaded only when on (see `loadHtmlModule`).
    /^@shipwatch\/core(\/html)?$/,
    'html-validate',
    'jiti',
    'zod',
    'env-ci',
    'picocolors',
  ],
  noExternal: ['@shipwatch/core/lite', '@shipwatch/core/context'],
}

export default defineConfig([
  {
    ...shared,
    entry: ['src/index.ts', 'src/esbuild.ts', 'src/webpack.ts', 'src/rspack.ts', 'src/cli/bin.ts'],
    dts: true,
  },
  {
    ...shared,
    entry: ['src/vite.ts', 'src/rollup.ts', 'src/rolldown.ts'],
    dts: true,
    splitting: false,
    minifyWhitespace: true,
    minifySyntax: true,
  },
])
