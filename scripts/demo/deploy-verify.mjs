// Starts a local deployment of the example app and verifies it with every deploy-verify check.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { verifyDeployment } from '@shipwatch/deploy-verify'
import { DEMO_SUPABASE_KEY, startLocalDeployment } from './local-deployment.mjs'

export default async function deployVerifyDemo({ root, step }) {
  const app = join(root, 'examples/vite-app')
  step(
    'A local deployment of the example app on 127.0.0.1 (security headers, /api/health, Supabase stand-ins)',
  )
  const deployment = await startLocalDeployment(join(app, 'dist'))
  console.log(`  serving ${join(app, 'dist')} at ${deployment.url}`)
  step('deploy-verify with every check')
  const commit = JSON.parse(readFileSync(join(app, 'dist/build-info.json'), 'utf8')).commitSha
  try {
    const record = await verifyDeployment(
      {
        url: deployment.url,
        commit,
        retries: 0,
        pages: ['/', '/about.html'],
        health: { expect: { status: 'ok' } },
        smoke: {
          pages: [
            { path: '/', selector: '#app', text: 'Releases' },
            { path: '/about.html', selector: '#about' },
          ],
          screenshotDir: 'test-artifacts/build-metrics/screenshots',
        },
        supabase: { url: deployment.url, table: 'releases' },
        functions: [{ name: 'hello', body: { name: 'ci' }, expect: { message: 'Hello ci!' } }],
      },
      {
        cwd: app,
        env: { ...process.env, SUPABASE_ANON_KEY: DEMO_SUPABASE_KEY },
        onResult: (r) =>
          console.log(
            `  ${r.status === 'pass' ? '✓' : r.status === 'fail' ? '✗' : r.status === 'warn' ? '!' : '-'} ${r.title.padEnd(16)} ${r.message}`,
          ),
      },
    )
    console.log(
      `\n  verdict: ${record.status === 'pass' ? 'deployment verified' : 'deployment FAILED verification'}`,
    )
    console.log(`  screenshots: ${join(app, 'test-artifacts/build-metrics/screenshots')}`)
    return record
  } finally {
    deployment.close()
  }
}
