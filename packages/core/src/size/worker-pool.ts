import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

// The worker is inline source so it runs the same from src/ (tests) and dist/ (installed), with no file to find.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const zlib = require('node:zlib')
parentPort.on('message', ({ id, data, algorithm, level }) => {
  try {
    const size = algorithm === 'gzip'
      ? zlib.gzipSync(data, { level }).length
      : zlib.brotliCompressSync(data, { params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: level,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length
    parentPort.postMessage({ id, size })
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) })
  }
})
`

interface Task {
  id: number
  data: Uint8Array
  algorithm: 'gzip' | 'brotli'
  level: number
  resolve: (size: number) => void
  reject: (error: Error) => void
}

interface PoolWorker {
  worker: Worker
  task: Task | null
  /** Set by close() while a task runs: called when the worker reports back (or dies). */
  onIdle?: () => void
}

/**
 * Compresses on worker threads, one task per worker at a time. Idle workers are unref'd so the pool never keeps
 * a process alive; a crashed worker rejects its task and is replaced on demand.
 */
export class CompressionPool {
  readonly size: number
  readonly #workers: PoolWorker[] = []
  readonly #queue: Task[] = []
  #nextId = 0
  #closed = false

  constructor(size = availableParallelism()) {
    this.size = Math.max(1, size)
  }

  compress(data: Uint8Array, algorithm: 'gzip' | 'brotli', level: number): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('compression pool is closed'))
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, data, algorithm, level, resolve, reject })
      this.#dispatch()
    })
  }

  /**
   * Rejects every task at once; a worker is terminated only once its running task has reported back. Terminating a
   * worker inside zlib's stream set-up aborts the whole process (Node asserts "close before init"), so close()
   * may wait for a running job to finish.
   */
  async close(): Promise<void> {
    this.#closed = true
    const closed = new Error('compression pool is closed')
    for (const task of this.#queue.splice(0)) task.reject(closed)
    const workers = this.#workers.splice(0)
    await Promise.all(
      workers.map(async (entry) => {
        if (entry.task) {
          entry.task.reject(closed)
          await new Promise<void>((resolve) => {
            entry.onIdle = resolve
          })
        }
        await entry.worker.terminate()
      }),
    )
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const idle = this.#workers.find((w) => w.task === null) ?? this.#spawn()
      if (!idle) return
      const task = this.#queue.shift()!
      idle.task = task
      idle.worker.ref()
      idle.worker.postMessage({ id: task.id, data: task.data, algorithm: task.algorithm, level: task.level })
    }
  }

  #spawn(): PoolWorker | null {
    if (this.#workers.length >= this.size) return null
    const entry: PoolWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }), task: null }
    entry.worker.on('message', (message: { id: number; size?: number; error?: string }) => {
      const task = entry.task
      entry.task = null
      entry.worker.unref()
      if (task) {
        if (message.error !== undefined) task.reject(new Error(message.error))
        else task.resolve(message.size!)
      }
      if (entry.onIdle) return entry.onIdle()
      this.#dispatch()
    })
    entry.worker.on('error', (error) => this.#retire(entry, error))
    entry.worker.on('exit', (code) =>
      this.#retire(entry, new Error(`compression worker exited with code ${code}`)),
    )
    this.#workers.push(entry)
    return entry
  }

  #retire(entry: PoolWorker, error: Error): void {
    entry.onIdle?.()
    const index = this.#workers.indexOf(entry)
    if (index === -1) return
    this.#workers.splice(index, 1)
    entry.task?.reject(error)
    entry.task = null
    if (!this.#closed) this.#dispatch()
  }
}
