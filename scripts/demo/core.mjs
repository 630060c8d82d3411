// Demo of @shipwatch/core: facts about this checkout, a record in a history, sizes with their algorithm.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createEnvelope,
  describeCompression,
  formatBytes,
  HistoryStore,
  readRecordContext,
  resolveCompression,
  SizeCalculator,
} from '@shipwatch/core'

export default async function coreDemo({ root, step }) {
  step('Where this build runs (git, CI, machine)')
  const context = await readRecordContext({ cwd: root })
  console.log(
    `  git ${context.git.branch ?? '(no branch)'}@${context.git.sha?.slice(0, 7) ?? '(no commit)'}${context.git.dirty ? ' (dirty)' : ''}`,
  )
  console.log(`  ci  ${context.ci.isCi ? context.ci.provider : 'not in CI'}`)
  console.log(
    `  machine ${context.machine.cpuModel}, ${context.machine.cores} cores, Node ${context.machine.node}`,
  )

  step('Compressed sizes of @shipwatch/core itself')
  const compression = resolveCompression({ brotli: true })
  const sizes = new SizeCalculator({ compression })
  const file = join(root, 'packages/core/dist/index.js')
  const size = await sizes.measure(readFileSync(file))
  await sizes.close()
  console.log(
    `  dist/index.js ${formatBytes(size.size)} raw, ${formatBytes(size.gzip)} ${describeCompression('gzip', compression)}, ${formatBytes(size.brotli)} ${describeCompression('brotli', compression)}`,
  )

  step('A record in a history store')
  const store = new HistoryStore({ dir: mkdtempSync(join(tmpdir(), 'shipwatch-demo-')) })
  const record = await store.append({
    ...createEnvelope(context, 'shipwatch-demo'),
    kind: 'deploy',
    url: 'http://127.0.0.1:0',
    environment: null,
    deployment: null,
    expectedSha: context.git.sha,
    servedSha: null,
    checks: [],
    status: 'pass',
  })
  console.log(`  wrote ${record.kind} record ${record.id} to ${store.file} (a temporary folder, removed now)`)
  rmSync(store.dir, { recursive: true, force: true })
}
