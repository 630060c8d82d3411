import { fileURLToPath } from 'node:url'
import bundleBudget from '@shipwatch/bundle-budget/vite'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { defineConfig } from 'vite'

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url))

export default defineConfig({
  build: {
    rollupOptions: { input: { index: page('./index.html'), about: page('./about.html') } },
  },
  plugins: [
    bundleBudget({
      budgets: [
        { name: 'initial JS', target: 'initial', type: 'js', maxWarning: '40 kB', maxError: '50 kB' },
        { name: 'initial growth', target: 'initial', maxError: '+10% min 1 kB' },
        { name: 'all CSS', target: 'css', maxError: '10 kB' },
        { name: 'fonts', target: 'font', compression: 'none', maxError: '100 kB' },
        { name: 'settings route', target: { glob: 'assets/settings-*.js' }, maxError: '5 kB' },
        { name: 'requests per page', target: 'requests', maxError: 6 },
      ],
    }),
    buildMetrics({
      // Emits dist/build-info.json so deploy verification can prove what is live.
      buildInfo: true,
      // Every emitted page must be valid HTML: errors fail the build.
      html: { validate: 'error' },
    }),
  ],
})
