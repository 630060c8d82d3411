// On a VM with free page reporting (virtio-balloon; Firecracker guests like this workplace's report at once:
// min_free_ms = 0), memory a build process frees goes back to the host, and the next build faults it in again as
// host-zeroed pages. The same build then spends 0.4 s or 1.5–2.5 s in the kernel (clear_page under the page fault
// handler, seen with `perf record -e cpu-clock`) depending on whether the previous build's memory was still in the
// guest: noise of ±30 % that has nothing to do with what is measured. While a benchmark runs, freed pages are kept in
// the guest for a while, so every build starts from the same memory state; the setting is restored afterwards.
// Needs root and the page_reporting module; elsewhere it changes nothing and says so.
import { readFileSync, writeFileSync } from 'node:fs'

const MIN_FREE_MS = '/sys/module/page_reporting/parameters/min_free_ms'
// The kernel refuses much more; a minute is enough, since every build reuses what the one before it freed.
const HOLD_MS = 60_000

/** Returns a note for the table and a `restore()` to call when the benchmark ends (also run on exit and Ctrl-C). */
export function holdFreePageReporting() {
  let original
  try {
    original = readFileSync(MIN_FREE_MS, 'utf8').trim()
    if (Number(original) >= HOLD_MS)
      return { note: `free page reporting already held (min_free_ms ${original})`, restore() {} }
    writeFileSync(MIN_FREE_MS, String(HOLD_MS))
  } catch (error) {
    const why = error.code === 'ENOENT' ? 'not present here' : `left alone (${error.code ?? error.message})`
    return { note: `free page reporting: ${why}`, restore() {} }
  }
  let restored = false
  const restore = () => {
    if (restored) return
    restored = true
    writeFileSync(MIN_FREE_MS, original)
  }
  const onSignal = () => {
    restore()
    process.exit(130)
  }
  process.once('exit', restore)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return {
    note: `free page reporting held during the run (min_free_ms ${original} → ${HOLD_MS}, restored after)`,
    restore,
  }
}
