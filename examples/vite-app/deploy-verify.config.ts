import { defineConfig } from '@shipwatch/deploy-verify'

// `pnpm deploy:verify https://<preview-url>` — the URL comes from the command line (or DEPLOY_URL in CI).
export default defineConfig({
  pages: ['/', '/about.html'],
  health: { paths: ['/api/health'], expect: { status: 'ok' } },
  identity: { path: '/build-info.json', waitMs: 120_000 },
  bundle: { budgets: [{ name: 'initial JS', target: 'initial', type: 'js', maxError: '50 kB' }] },
  smoke: {
    pages: [
      { path: '/', selector: '#app', text: 'Releases' },
      { path: '/about.html', selector: '#about' },
    ],
  },
  // Supabase checks run when SUPABASE_URL and SUPABASE_ANON_KEY are set in the environment.
  functions: [],
})
