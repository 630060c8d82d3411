// `pnpm demo`: the main job a newcomer runs. It grows with the project; today it shows what is built.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const root = new URL('../', import.meta.url).pathname
const step = (title) => console.log(`\n▶ ${title}`)

if (!existsSync(new URL('../packages/core/dist/index.js', import.meta.url))) {
  step('Building the packages')
  execFileSync('pnpm', ['build'], { cwd: root, stdio: 'inherit' })
}

const demos = [new URL('./demo/core.mjs', import.meta.url)]
for (const demo of demos) await (await import(demo)).default({ root, step })
