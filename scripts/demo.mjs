// `pnpm demo`: the main job a newcomer runs. It grows with the project; today: core facts, then real builds of
// the example app with build metrics, and the recorded history.
import { execFileSync } from 'node:child_process'

const root = new URL('../', import.meta.url).pathname
const step = (title) => console.log(`\n▶ ${title}`)

step('Building the packages')
execFileSync('pnpm', ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })

for (const demo of ['./demo/core.mjs', './demo/build-metrics.mjs', './demo/deploy-verify.mjs']) {
  await (await import(new URL(demo, import.meta.url))).default({ root, step })
}
