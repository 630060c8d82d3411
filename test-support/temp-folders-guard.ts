import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'

// Every test removes the temp folders it makes (`shipwatch-*`): a run that leaves one behind fails, naming it.
const ours = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('shipwatch-')))

export default function setup(): () => void {
  const before = ours()
  return () => {
    const left = [...ours()].filter((name) => !before.has(name))
    if (left.length === 0) return
    // Vitest prints an error thrown here but still exits 0: the exit code is set here.
    process.stderr.write(
      `tests left ${left.length} temp folder(s) in ${tmpdir()}: ${left.slice(0, 10).join(', ')}\n`,
    )
    process.exitCode = 1
  }
}
