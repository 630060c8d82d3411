import bundleBudget from '@shipwatch/bundle-budget/rollup'
import buildMetrics from '@shipwatch/vite-build-metrics/rollup'

export default {
  input: 'src/index.js',
  output: { dir: 'dist', format: 'es' },
  plugins: [
    bundleBudget({ budgets: [{ name: 'library JS', target: 'js', maxError: '5 kB' }] }),
    buildMetrics(),
  ],
}
