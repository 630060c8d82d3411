import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { generateApp } from './generate-app.mjs'

/**
 * An app like users' (≈ 2,600 modules; React, ReactDOM and echarts in one ≈ 1.5 MB entry chunk; lazy routes), in a
 * committed git repository, as the plugins meet a project (they read git facts).
 */
export function vendorApp() {
  const root = fileURLToPath(new URL('../.generated/vendor-app', import.meta.url))
  const modules = generateApp(root, { features: 24, perFeature: 50, vendors: true })
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'ignore' })
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-q', '-m', 'bench app')
  return { root, modules }
}
