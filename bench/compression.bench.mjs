// Compressed sizes of a few MB of real JavaScript from node_modules: single-threaded zlib vs core's worker pool,
// and a cached re-check.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { resolveCompression, SizeCalculator } from '@shipwatch/core'
import { ms, printTable, ratio, timeMedian } from './lib/measure.mjs'

function collectJs(dir, limitBytes, out = []) {
  let total = out.reduce((sum, b) => sum + b.length, 0)
  for (const name of readdirSync(dir).sort()) {
    if (total >= limitBytes) break
    const path = join(dir, name)
    const stat = statSync(path)
    if (stat.isDirectory()) {
      collectJs(path, limitBytes, out)
      total = out.reduce((sum, b) => sum + b.length, 0)
    } else if (name.endsWith('.js') && stat.size > 20_000 && stat.size < 200_000) {
      out.push(readFileSync(path))
      total += stat.size
    }
  }
  return out
}

export default async function compressionBench() {
  const files = collectJs(new URL('../node_modules/.pnpm/', import.meta.url).pathname, 2_000_000)
  const bytes = files.reduce((s, f) => s + f.length, 0)
  const compression = resolveCompression({ brotli: true })
  const sync = await timeMedian(
    () => {
      for (const f of files) {
        gzipSync(f, { level: 9 })
        brotliCompressSync(f, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      }
    },
    { runs: 3, warmup: 0 },
  )
  const pooled = await timeMedian(
    async () => {
      const sizes = new SizeCalculator({ compression })
      await Promise.all(files.map((f) => sizes.measure(f)))
      await sizes.close()
    },
    { runs: 3, warmup: 0 },
  )
  const warm = new SizeCalculator({ compression })
  await Promise.all(files.map((f) => warm.measure(f)))
  const cached = await timeMedian(() => Promise.all(files.map((f) => warm.measure(f))), { runs: 5 })
  await warm.close()
  printTable(
    `Compressed sizes: ${files.length} real JS files, ${(bytes / 1e6).toFixed(2)} MB, gzip -9 + brotli q11 (median of 3)`,
    [
      ['method', 'time', 'vs zlib *Sync'],
      ['zlib gzipSync + brotliCompressSync, main thread', ms(sync), '1.00×'],
      [
        `SizeCalculator (zlib threads; worker pool of ${availableParallelism()} past 4 MiB), cold`,
        ms(pooled),
        ratio(pooled, sync),
      ],
      ['SizeCalculator, unchanged files (content-hash cache)', ms(cached), ratio(cached, sync)],
    ],
  )
}
