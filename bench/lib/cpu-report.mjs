// Preloaded with `node --import` into a benchmarked command: on exit, writes the CPU time of the whole process
// (main thread, worker threads and libuv's pool alike) to the file named by BENCH_CPU_FILE.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const usage = process.resourceUsage()
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000
  writeFileSync(process.env.BENCH_CPU_FILE, JSON.stringify({ cpuMs }))
})
