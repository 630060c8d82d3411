// `pnpm bench [filter]`: runs every bench/*.bench.mjs (or those whose name contains the filter), one table each.
import { readdirSync } from 'node:fs'
import os from 'node:os'

const filter = process.argv[2] ?? ''
const here = new URL('./', import.meta.url)
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && f.includes(filter))
  .sort()

console.log(
  `# Shipwatch benchmarks — ${os.cpus()[0]?.model.trim()}, ${os.availableParallelism()} cores, Node ${process.version}`,
)
for (const file of files) {
  const bench = await import(new URL(file, here))
  await bench.default()
}
