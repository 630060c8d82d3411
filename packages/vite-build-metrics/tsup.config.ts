import { defineConfig } from 'tsup'

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/vite.ts',
    'src/rollup.ts',
    'src/rolldown.ts',
    'src/esbuild.ts',
    'src/webpack.ts',
    'src/rspack.ts',
    'src/cli/bin.ts',
  ],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: true,
  external: ['vite', 'rollup', 'rolldown', 'esbuild', 'webpack', '@rspack/core', 'html-validate'],
})
