import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  lutimesSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  detectCi,
  EMPTY_GIT,
  readGitFacts,
  readGitHead,
  readHeadCommitFromFiles,
  readHeadFromFiles,
  readMachineFacts,
  readRecordContext,
  worktreeMatchesHead,
} from '@shipwatch/core'
import { afterAll, describe, expect, it } from 'vitest'
import { githubActions, readGithubEvent } from '../src/env/ci.js'
import { racyEntriesUnchanged } from '../src/env/git-racy.js'

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

/**
 * Runs `body` with no git on PATH (what it answers, it answered from the files alone) and an empty home, so a
 * developer's own git config (autocrlf, say) cannot change the answer.
 */
async function withoutGit(body: () => Promise<void>): Promise<void> {
  const saved = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME,
  }
  const empty = mkdtempSync(join(temp, 'no-git-'))
  Object.assign(process.env, { PATH: empty, HOME: empty, XDG_CONFIG_HOME: empty })
  try {
    await body()
  } finally {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
  }
}

/** A committed repository whose files are an hour older than its index: nothing racy, stat data recorded. */
function agedRepo(): string {
  const repo = mkdtempSync(join(temp, 'aged-'))
  git(repo, 'init', '-q', '-b', 'main')
  mkdirSync(join(repo, 'src'))
  const past = new Date(Date.now() - 3_600_000)
  for (const [name, text] of [
    ['README.md', '# aged\n'],
    ['src/one.ts', 'export const one = 1\n'],
    // A path that is not ASCII: the index stores it as UTF-8.
    ['src/café ü.ts', 'export const cafe = 1\n'],
  ]) {
    writeFileSync(join(repo, name!), text!)
    utimesSync(join(repo, name!), past, past)
  }
  symlinkSync('one.ts', join(repo, 'src/link.ts'))
  lutimesSync(join(repo, 'src/link.ts'), past, past)
  git(repo, 'add', '.')
  git(repo, 'commit', '-q', '-m', 'aged files')
  return repo
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

  it('reads the commit from .git as git log does: loose, packed, from a subfolder, a linked worktree, detached', () => {
    const repo = makeRepo()
    // A title over two lines, an author with a non-ASCII name, a committer time zone east of UTC with minutes.
    gitWith(
      { GIT_AUTHOR_NAME: 'Zoë Ünal', GIT_COMMITTER_DATE: '2026-03-01T23:30:00+05:30' },
      repo,
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'fix: wrap the\n  long title\n\nbody text',
    )
    const loose = readHeadCommitFromFiles(repo)
    expect(loose).toEqual(headPerGit(repo))
    expect(loose).toMatchObject({ author: 'Zoë Ünal', committedAt: '2026-03-01T23:30:00+05:30' })

    // gc moves the commit into a pack and the branch into packed-refs.
    git(repo, 'gc', '-q')
    expect(readdirSync(join(repo, '.git/refs/heads'))).toEqual([])
    mkdirSync(join(repo, 'src/deep'), { recursive: true })
    expect(readHeadCommitFromFiles(join(repo, 'src/deep'))).toEqual(headPerGit(repo))

    const worktree = join(temp, `worktree-${Date.now()}`)
    git(repo, 'worktree', 'add', '-q', '-b', 'side', worktree)
    gitWith(
      { GIT_COMMITTER_DATE: '2026-03-02T08:00:00-08:00' },
      worktree,
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'on side',
    )
    expect(readHeadCommitFromFiles(worktree)).toEqual(headPerGit(worktree))

    git(repo, 'checkout', '-q', '--detach', 'HEAD~1')
    expect(readHeadCommitFromFiles(repo)).toEqual(headPerGit(repo))
  })

  it('reads commits git packed as deltas, by offset and by reference', () => {
    const repo = makeRepo()
    for (let i = 0; i < 12; i++)
      git(repo, 'commit', '-q', '--allow-empty', '-m', `chore: step ${i} of the same long message`)
    const shas = git(repo, 'rev-list', 'HEAD').split('\n')
    const everyCommitMatches = () => {
      for (const sha of shas) {
        git(repo, 'checkout', '-q', '--detach', sha)
        expect(readHeadCommitFromFiles(repo)).toEqual(headPerGit(repo))
      }
    }
    git(repo, 'gc', '-q', '--aggressive')
    const packIndex = () =>
      join(
        repo,
        '.git/objects/pack',
        readdirSync(join(repo, '.git/objects/pack')).find((f) => f.endsWith('.idx'))!,
      )
    // Older commits become deltas of newer ones: the reader must apply them.
    expect(git(repo, 'verify-pack', '-v', packIndex())).toMatch(/^[0-9a-f]{40} commit .* [0-9a-f]{40}$/m)
    everyCommitMatches()
    git(repo, '-c', 'repack.useDeltaBaseOffset=false', 'repack', '-q', '-a', '-d', '-f')
    everyCommitMatches()
  })

  it('tells a clean work tree from the index and lstat alone, with no git process', async () => {
    const repo = agedRepo()
    const { sha, committedAt } = headPerGit(repo)
    await withoutGit(async () => {
      for (const cwd of [repo, join(repo, 'src')]) {
        expect(await readGitHead(cwd)).toEqual({
          sha,
          branch: 'main',
          dirty: false,
          subject: 'aged files',
          author: 'Ada',
          committedAt,
        })
      }
    })
    git(repo, 'checkout', '-q', '--detach')
    expect(worktreeMatchesHead(readHeadFromFiles(repo)!)).toBe(true)
    expect((await readGitHead(repo)).branch).toBeNull()
  })

  it('leaves every doubtful work tree to git, whose answer it then gives', async () => {
    const repo = agedRepo()
    const file = join(repo, 'src/one.ts')
    const aged = statSync(file).mtime
    const gitSays = () => git(repo, 'status', '--porcelain', '--untracked-files=no') !== ''
    // `dirty` where git's answer is certain; git compares whole seconds, so a same-size change within the second
    // of the last `git add` may pass it, and then our answer must be git's.
    const check = async (what: string, dirty: boolean | null, env: Record<string, string> = {}) => {
      expect(worktreeMatchesHead(readHeadFromFiles(repo)!, env), what).toBeNull()
      const said = gitSays()
      if (dirty !== null) expect(said, what).toBe(dirty)
      if (Object.keys(env).length === 0) expect((await readGitHead(repo)).dirty, what).toBe(said)
    }
    await check('GIT_INDEX_FILE set', false, { GIT_INDEX_FILE: join(repo, '.git/index') })
    // Same size and the old mtime: only ctime shows the change, as it does to git.
    writeFileSync(file, 'export const one = 2\n')
    utimesSync(file, aged, aged)
    await check('same size, mtime put back', null)
    writeFileSync(file, 'export const one = 1\n')
    utimesSync(file, aged, aged)
    await check('content put back, ctime still newer than the index', null)
    git(repo, 'add', '.')
    writeFileSync(file, 'export const one = 3\n')
    git(repo, 'add', '.')
    await check('a staged change', true)
    git(repo, 'commit', '-q', '-m', 'three')
    chmodSync(file, 0o755)
    await check('executable bit', true)
    chmodSync(file, 0o644)
    rmSync(file)
    await check('a deleted file', true)
    git(repo, 'checkout', '-q', '--', 'src/one.ts')
    git(repo, 'update-index', '--skip-worktree', 'src/one.ts')
    await check('skip-worktree', false)
    git(repo, 'update-index', '--no-skip-worktree', 'src/one.ts')
    git(repo, 'update-index', '--index-version', '4')
    await check('index version 4', false)
    git(repo, 'update-index', '--index-version', '2')
    writeFileSync(join(repo, 'new.ts'), 'export {}\n')
    git(repo, 'add', '--intent-to-add', 'new.ts')
    await check('intent to add', true)
  })

  it('reads a racy entry (recorded at or after the index was written) and trusts it when its bytes are the blob', async () => {
    const repo = agedRepo()
    const future = new Date(Date.now() + 3_600_000)
    const file = join(repo, 'src/one.ts')
    utimesSync(file, future, future)
    git(repo, 'add', '.')
    // `git add` dropped the index's tree of the whole, which alone would send us to git; a commit writes it again,
    // as a checkout or a clone does, so only the racy entry is left to judge.
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'touched')
    await withoutGit(async () => {
      expect(worktreeMatchesHead(readHeadFromFiles(repo)!)).toBe(true)
      expect((await readGitHead(repo)).dirty).toBe(false)
    })
    // Attributes may make git hash other bytes than the file's (eol conversion, filters): git judges then.
    writeFileSync(join(repo, '.git/info/attributes'), '*.ts text eol=crlf\n')
    expect(worktreeMatchesHead(readHeadFromFiles(repo)!)).toBeNull()
    expect((await readGitHead(repo)).dirty).toBe(false)
  })

  it('tells a fresh clone clean with no git process, though git would call all its entries racy', async () => {
    const clone = join(mkdtempSync(join(temp, 'clone-')), 'app')
    git(temp, 'clone', '-q', agedRepo(), clone)
    // Checkout writes the files and then the index, all within a second or so: git's whole-second rule (without
    // USE_NSEC) makes them all racy, which used to mean one `git status` in every CI build.
    const indexSecond = Math.floor(statSync(join(clone, '.git/index')).mtimeMs / 1000)
    expect(Math.floor(statSync(join(clone, 'README.md')).mtimeMs / 1000)).toBeGreaterThanOrEqual(
      indexSecond - 1,
    )
    await withoutGit(async () => {
      expect(worktreeMatchesHead(readHeadFromFiles(clone)!)).toBe(true)
      expect((await readGitHead(clone)).dirty).toBe(false)
    })
    writeFileSync(join(clone, 'README.md'), '# edited\n')
    expect(worktreeMatchesHead(readHeadFromFiles(clone)!)).toBeNull()
    expect((await readGitHead(clone)).dirty).toBe(true)
  })

  it('compares racy entries with their blobs, and leaves many or converted ones to git', () => {
    const dir = mkdtempSync(join(temp, 'racy-'))
    const file = join(dir, 'a.txt')
    writeFileSync(file, 'abc')
    // One index entry as git lays it out: stat fields, then the size at 36 and the blob's name at 40.
    const entry = (content: string) => {
      const bytes = Buffer.alloc(64)
      bytes.writeUInt32BE(Buffer.byteLength(content), 36)
      createHash('sha1')
        .update(`blob ${Buffer.byteLength(content)}\0${content}`)
        .digest()
        .copy(bytes, 40)
      return bytes
    }
    const options = { hashSize: 20, gitDir: dir, repoConfig: '', env: { HOME: dir, XDG_CONFIG_HOME: dir } }
    const racy = [{ at: 0, path: file, symlink: false }]
    expect(racyEntriesUnchanged(entry('abc'), racy, ['a.txt'], options)).toBe(true)
    expect(racyEntriesUnchanged(entry('abd'), racy, ['a.txt'], options)).toBe(false)
    expect(racyEntriesUnchanged(entry('abc'), racy, ['a.txt', 'docs/.gitattributes'], options)).toBe(false)
    const autocrlf = { ...options, repoConfig: '[core]\n\tautocrlf = input\n' }
    expect(racyEntriesUnchanged(entry('abc'), racy, ['a.txt'], autocrlf)).toBe(false)
    // actions/checkout includes its credentials from the repository's config: followed, and no reason to doubt.
    writeFileSync(
      join(dir, 'credentials'),
      '[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic x\n',
    )
    const checkout = {
      ...options,
      repoConfig: `[includeIf "gitdir:${dir}/"]\n\tpath = ${join(dir, 'credentials')}\n`,
    }
    expect(racyEntriesUnchanged(entry('abc'), racy, ['a.txt'], checkout)).toBe(true)
    writeFileSync(join(dir, 'converting'), '[core]\n\teol = crlf\n')
    const included = { ...options, repoConfig: '[include]\n\tpath = converting\n' }
    expect(racyEntriesUnchanged(entry('abc'), racy, ['a.txt'], included)).toBe(false)
    writeFileSync(join(dir, '.gitconfig'), '[core]\n\tautocrlf = true\n')
    expect(racyEntriesUnchanged(entry('abc'), racy, ['a.txt'], options)).toBe(false)
    rmSync(join(dir, '.gitconfig'))
    const many = Array.from({ length: 257 }, () => racy[0]!)
    expect(racyEntriesUnchanged(entry('abc'), many, ['a.txt'], options)).toBe(false)
    mkdirSync(join(dir, 'git'))
    writeFileSync(join(dir, 'git/attributes'), '* text\n')
    expect(racyEntriesUnchanged(entry('abc'), racy, ['a.txt'], options)).toBe(false)
  })

  it('leaves the commit to git when the files cannot say it plainly', () => {
    const repo = makeRepo()
    expect(readHeadCommitFromFiles(repo, { GIT_DIR: join(repo, '.git') })).toBeNull()
    expect(readHeadCommitFromFiles(join(temp, 'missing'))).toBeNull()
    // A commit in a legacy encoding: git log re-encodes it, we do not.
    gitWith({}, repo, '-c', 'i18n.commitEncoding=ISO-8859-1', 'commit', '-q', '--allow-empty', '-m', 'latin')
    expect(readHeadCommitFromFiles(repo)).toBeNull()
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

describe('GitHub Actions without env-ci', () => {
  // detectCi reads GitHub Actions itself (env-ci's import costs a build ≈ 45 ms); its answer must stay env-ci's.
  const event = join(temp, 'pull-request-event.json')
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: { number: 7, base: { ref: 'release', sha: 'd'.repeat(40) }, head: { ref: 'fix/y' } },
    }),
  )
  const base = {
    GITHUB_ACTIONS: 'true',
    GITHUB_SHA: 'e'.repeat(40),
    GITHUB_RUN_ID: '1234',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_WORKSPACE: '/home/runner/work/app/app',
  }
  const cases: Record<string, Record<string, string>> = {
    'a push to a branch': { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' },
    'a tag': { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.2.0' },
    'a manual run': { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF: 'refs/heads/feat/z' },
    'a pull request': {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_HEAD_REF: 'fix/y',
      GITHUB_EVENT_PATH: event,
    },
    'a pull_request_target run': { GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: event },
    'a pull request without its event file': {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/7/merge',
    },
  }
  for (const [what, vars] of Object.entries(cases)) {
    it(`answers as env-ci does for ${what}`, async () => {
      const env = { ...base, ...vars }
      const { default: envCi } = await import('env-ci')
      expect(githubActions(env, readGithubEvent(env))).toEqual(envCi({ env, cwd: temp }))
    })
  }
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
