import { Worker } from 'node:worker_threads'

// The thread's program, inline (plain CommonJS) so it runs the same from src/ (tests) and dist/ (installed).
const SOURCE = `
const { parentPort } = require('node:worker_threads')
const { execFile } = require('node:child_process')
parentPort.on('message', ({ id, args, options }) => {
  execFile('git', args, options, (error, stdout, stderr) => {
    parentPort.postMessage(
      error ? { id, error: { message: stderr.trim() || error.message, code: error.code } } : { id, stdout },
    )
  })
})
`

const SHARED = Symbol.for('shipwatch.git-thread')

export interface GitReply {
  stdout?: string
  error?: { message: string; code?: string | number }
}

/** The git thread could not start or died; the caller runs git itself. */
export class GitThreadUnavailable extends Error {
  override name = 'GitThreadUnavailable'
}

/** By name: the shared thread may come from another copy of core, with its own error class. */
export function isGitThreadUnavailable(error: unknown): boolean {
  return (error as Error | null)?.name === 'GitThreadUnavailable'
}

interface Pending {
  resolve: (reply: GitReply) => void
  reject: (error: Error) => void
}

/**
 * One worker thread per process that spawns git for the build plugins. A spawn forks the process and the spawning
 * thread waits until the child has exec'd: ≈ 4 ms per git process at config time, more the bigger the process, and
 * on the main thread every JS hook of the bundler waits with it. The thread never keeps the process alive while
 * idle. If it cannot start or dies, requests reject with `GitThreadUnavailable` and it is not restarted.
 */
export class GitThread {
  #worker: Worker | null = null
  #failed = false
  #nextId = 0
  readonly #pending = new Map<number, Pending>()

  /** The process's git thread, shared by every copy of core (each plugin may bundle its own). */
  static shared(): GitThread {
    const holder = globalThis as { [SHARED]?: GitThread }
    holder[SHARED] ??= new GitThread()
    return holder[SHARED]
  }

  run(args: string[], options: Record<string, unknown>): Promise<GitReply> {
    const worker = this.#ensureWorker()
    if (!worker) return Promise.reject(new GitThreadUnavailable('the git thread is not available'))
    return new Promise((resolve, reject) => {
      const id = this.#nextId++
      this.#pending.set(id, { resolve, reject })
      worker.ref()
      worker.postMessage({ id, args, options })
    })
  }

  /** Stops the thread; pending requests reject with `GitThreadUnavailable`. */
  async close(): Promise<void> {
    const worker = this.#worker
    this.#failed = true
    if (!worker) return
    this.#abandon(worker, 'the git thread was closed')
    await worker.terminate()
  }

  #ensureWorker(): Worker | null {
    if (this.#worker || this.#failed) return this.#worker
    try {
      // No inherited flags: a loader (`--import tsx`) or `--cpu-prof` of the build would only slow its start.
      const worker = new Worker(SOURCE, { eval: true, execArgv: [] })
      worker.unref()
      worker.on('message', (reply: GitReply & { id: number }) => this.#settle(reply))
      worker.on('error', (error) => this.#abandon(worker, `the git thread failed: ${error.message}`))
      worker.on('exit', (code) => this.#abandon(worker, `the git thread exited with code ${code}`))
      this.#worker = worker
    } catch {
      this.#failed = true
    }
    return this.#worker
  }

  #settle({ id, ...reply }: GitReply & { id: number }): void {
    const pending = this.#pending.get(id)
    this.#pending.delete(id)
    if (this.#pending.size === 0) this.#worker?.unref()
    pending?.resolve(reply)
  }

  #abandon(worker: Worker, reason: string): void {
    if (this.#worker !== worker) return
    this.#worker = null
    this.#failed = true
    for (const pending of this.#pending.values()) pending.reject(new GitThreadUnavailable(reason))
    this.#pending.clear()
  }
}
