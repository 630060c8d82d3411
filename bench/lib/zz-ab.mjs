import { execFileSync } from 'node:child_process'

const child = new URL('./vite-build-child.mjs', import.meta.url).pathname
const n = Number(process.argv[2] ?? 10)
for (let i = 0; i < n; i++) {
  for (const helper of i % 2 ? ['0', '1'] : ['1', '0']) {
    const r = JSON.parse(
      execFileSync(process.execPath, [child, 'vite', '.', 'metrics'], {
        encoding: 'utf8',
        env: { ...process.env, ZZ_HELPER: helper },
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .trim()
        .split('\n')
        .pop(),
    )
    console.log(JSON.stringify({ helper, ...r }))
  }
}
