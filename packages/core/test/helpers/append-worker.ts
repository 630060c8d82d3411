// A child process that appends records to a history folder: `tsx append-worker.ts <dir> <count> <tag> [padBytes]`.
// Prints "wrote <n>" after each append so a parent can know what was acknowledged before killing it.
import { HistoryStore } from '@shipwatch/core'
import { sampleBuildRecord } from '../../../../test-support/records.js'

const [dir, count, tag, pad] = process.argv.slice(2)
const store = new HistoryStore({ dir: dir! })
const padding = 'x'.repeat(Number(pad ?? 0))
for (let i = 0; i < Number(count); i++) {
  await store.append(
    sampleBuildRecord({ project: `${tag}-${i}`, git: { ...sampleBuildRecord().git, subject: padding } }),
  )
  process.stdout.write(`wrote ${i + 1}\n`)
}
