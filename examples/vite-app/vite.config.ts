import { fileURLToPath } from 'node:url'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { defineConfig } from 'vite'

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url))

export default defineConfig({
  build: {
    rollupOptions: { input: { index: page('./index.html'), about: page('./about.html') } },
  },
  plugins: [
    buildMetrics({
      // Emits dist/build-info.json so deploy verification can prove what is live.
      buildInfo: true,
    }),
  ],
})
