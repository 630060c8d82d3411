import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  detectCi,
  EMPTY_GIT,
  readGitFacts,
  readGitHead,
  readMachineFacts,
  readRecordContext,
} from '@shipwatch/core'
import { afterAll, describe, expect, it } from 'vitest'

const temp = mkdtempSync(join(tmpdir(), 'shipwatch-env-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

function git(cwd: string, ...args: string[]): string {
  return gitWith({}, cwd, ...args)
}

function gitWith(env: Record<string, string>, cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ada',
      GIT_AUTHOR_EMAIL: 'a@x',
      GIT_COMMITTER_NAME: 'Ada',
      GIT_COMMITTER_EMAIL: 'a@x',
      ...env,
    },
  }).trim()
}

/** What `git log -1` says about HEAD, in the shape the files reader returns. */
function headPerGit(cwd: string) {
  const [sha, subject, author, committedAt] = git(cwd, 'log', '-1', '--format=%H%x00%s%x00%an%x00%cI').split(
    '\0',
  )
  return { sha, subject, author, committedAt }
}

function makeRepo(): string {
  const repo = mkdtempSync(join(temp, 'repo-'))
  git(repo, 'init', '-q', '-b', 'main')
  writeFileSync(join(repo, 'a.txt'), 'one\n')
  git(repo, 'add', '.')
  git(repo, 'commit', '-q', '-m', 'first on main')
  return repo
}

describe('git facts', () => {
  it('reads sha, branch, subject, author, time, dirtiness and the merge-base with a base branch', async () => {
    const repo = makeRepo()
    const base = git(repo, 'rev-parse', 'HEAD')
    git(repo, 'checkout', '-q', '-b', 'feature')
    writeFileSync(join(repo, 'b.txt'), 'two\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'feat: <b>bold</b> change')
    const head = git(repo, 'rev-parse', 'HEAD')

    const clean = await readGitFacts({ cwd: repo, baseRef: 'main' })
    expect(clean.warning).toBeNull()
    expect(clean.git).toMatchObject({
      sha: head,
      branch: 'feature',
      dirty: false,
      subject: 'feat: <b>bold</b> change',
      author: 'Ada',
      baseSha: base,
    })
    expect(Date.parse(clean.git.committedAt!)).not.toBeNaN()

    writeFileSync(join(repo, 'a.txt'), 'edited\n')
    expect((await readGitFacts({ cwd: repo })).git.dirty).toBe(true)
  })

  it('reads a detached HEAD, an unborn branch and a subfolder as git does', async () => {
    const repo = makeRepo()
    mkdirSync(join(repo, 'src/deep'), { recursive: true })
    expect(await readGitHead(join(repo, 'src/deep'))).toMatchObject({ ...headPerGit(repo), branch: 'main' })
    git(repo, 'checkout', '-q', '--detach')
    expect(await readGitHead(repo)).toMatchObject({ ...headPerGit(repo), branch: null, dirty: false })
    const unborn = mkdtempSync(join(temp, 'unborn-'))
    git(unborn, 'init', '-q', '-b', 'trunk')
    expect(await readGitHead(unborn)).toEqual({
      sha: null,
      branch: 'trunk',
      dirty: false,
      subject: null,
      author: null,
      committedAt: null,
    })
  })

  it('calls a staged change, an edit or a deletion dirty, and an untracked file clean', async () => {
    const repo = makeRepo()
    const dirty = async () => (await readGitHead(repo)).dirty
    writeFileSync(join(repo, 'untracked.txt'), 'new\n')
    expect(await dirty()).toBe(false)
    writeFileSync(join(repo, 'a.txt'), 'edited\n')
    expect(await dirty()).toBe(true)
    git(repo, 'add', 'a.txt')
    expect(await dirty()).toBe(true)
    git(repo, 'reset', '-q', '--hard')
    expect(await dirty()).toBe(false)
    rmSync(join(repo, 'a.txt'))
    expect(await dirty()).toBe(true)
  })

  it('gives nulls and one warning outside a repository, never a throw', async () => {
    const plain = mkdtempSync(join(temp, 'plain-'))
    const facts = await readGitFacts({ cwd: plain })
    expect(facts.git.sha).toBeNull()
    expect(facts.warning).toMatch(/not a git repository/)
  })

  it('gives nulls and a warning when the folder does not exist', async () => {
    const facts = await readGitFacts({ cwd: join(temp, 'missing') })
    expect(facts.git.sha).toBeNull()
    expect(facts.warning).toBe(`git facts unavailable: no folder ${join(temp, 'missing')}`)
  })

  it('says git is missing when it is not on PATH', async () => {
    const path = process.env.PATH
    process.env.PATH = mkdtempSync(join(temp, 'empty-path-'))
    try {
      const facts = await readGitFacts({ cwd: temp })
      expect(facts.git).toEqual(EMPTY_GIT)
      expect(facts.warning).toBe('git facts unavailable: git is not installed or not on PATH')
    } finally {
      process.env.PATH = path
    }
  })
})

describe('CI facts', () => {
  it('is empty outside CI', async () => {
    expect(await detectCi({}, temp)).toMatchObject({ isCi: false, provider: null })
  })

  it('reads a GitHub Actions pull request, base sha from the event', async () => {
    const event = join(temp, 'event.json')
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: { number: 42, base: { ref: 'main', sha: 'b'.repeat(40) }, head: { ref: 'feat/x' } },
      }),
    )
    const ci = await detectCi(
      {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_REF: 'refs/pull/42/merge',
        GITHUB_HEAD_REF: 'feat/x',
        GITHUB_SHA: 'c'.repeat(40),
        GITHUB_RUN_ID: '99',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/app',
      },
      temp,
    )
    expect(ci).toEqual({
      isCi: true,
      provider: 'github',
      buildId: '99',
      buildUrl: 'https://github.com/acme/app/actions/runs/99',
      branch: 'feat/x',
      pr: 42,
      baseBranch: 'main',
      baseSha: 'b'.repeat(40),
      // Records of many repositories can share a database: each says which it came from.
      repository: 'acme/app',
    })
  })

  it('reads a push build', async () => {
    const ci = await detectCi(
      {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_RUN_ID: '7',
      },
      temp,
    )
    expect(ci).toMatchObject({ isCi: true, branch: 'main', pr: null, baseBranch: null })
  })
})

describe('machine and context', () => {
  it('describes the machine', () => {
    const machine = readMachineFacts()
    expect(machine.cores).toBeGreaterThan(0)
    expect(machine.node).toBe(process.version)
  })

  it('falls back to the CI branch on a detached HEAD', async () => {
    const repo = makeRepo()
    git(repo, 'checkout', '-q', '--detach')
    const context = await readRecordContext({
      cwd: repo,
      env: { GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/heads/release', GITHUB_EVENT_NAME: 'push' },
    })
    expect(context.git.branch).toBe('release')
    expect(context.warnings).toEqual([])
  })
})
