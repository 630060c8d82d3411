import { execFile } from 'node:child_process'
import { GitThread, isGitThreadUnavailable } from './git-thread.js'

export type GitCommand = (args: string[], cwd: string) => Promise<string>

/**
 * One git command, no shell. `--no-optional-locks` keeps `status` from taking the index lock, so a build never
 * collides with the user's own git commands; the timeout bounds a hung credential helper or network filesystem.
 * Rejects with git's own stderr as the message ("fatal: not a git repository") and Node's error code.
 */
export const runGit: GitCommand = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile('git', withNoLocks(args), execOptions(cwd), (error, stdout, stderr) => {
      if (!error) return resolve(stdout)
      reject(gitError(stderr.trim() || error.message, (error as NodeJS.ErrnoException).code))
    })
  })

/**
 * The same command spawned from the git thread: the fork's wait falls on that thread, not on the bundler's main
 * thread. Without a git thread it runs here.
 */
export const runGitOffThread: GitCommand = async (args, cwd) => {
  try {
    // The thread's environment is a copy from when it started; git gets this thread's as it is now.
    const reply = await GitThread.shared().run(withNoLocks(args), {
      ...execOptions(cwd),
      env: { ...process.env },
    })
    if (reply.error) throw gitError(reply.error.message, reply.error.code)
    return reply.stdout ?? ''
  } catch (error) {
    if (isGitThreadUnavailable(error)) return runGit(args, cwd)
    throw error
  }
}

function withNoLocks(args: string[]): string[] {
  return ['--no-optional-locks', ...args]
}

function execOptions(cwd: string) {
  return { cwd, encoding: 'utf8', timeout: 10_000, maxBuffer: 64 * 1024 * 1024, windowsHide: true } as const
}

function gitError(message: string, code: string | number | undefined): Error {
  return Object.assign(new Error(message), { code })
}
