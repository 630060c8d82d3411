import { createHash } from 'node:crypto'
import type { BundleLike } from '@shipwatch/core/build'

/** What `build-info.json` holds: enough for deploy-verify to prove the live URL serves this build. */
export interface BuildInfo {
  schemaVersion: 1
  commitSha: string | null
  recordId: string
  builtAt: string
  /** Every other emitted file with the sha256 (base64url) of its content. */
  files: { fileName: string; sha256: string; size: number }[]
}

export function createBuildInfo(input: {
  commitSha: string | null
  recordId: string
  builtAt: string
  outputs: { fileName: string; content: string | Uint8Array }[]
}): BuildInfo {
  return {
    schemaVersion: 1,
    commitSha: input.commitSha,
    recordId: input.recordId,
    builtAt: input.builtAt,
    files: input.outputs.map(({ fileName, content }) => {
      const data = typeof content === 'string' ? Buffer.from(content) : content
      return { fileName, sha256: createHash('sha256').update(data).digest('base64url'), size: data.length }
    }),
  }
}

/** The commit being deployed: Vercel's build variable wins over git. */
export function deployedCommit(env: NodeJS.ProcessEnv, gitSha: string | null): string | null {
  return env.VERCEL_GIT_COMMIT_SHA || gitSha
}

/** Emits `build-info.json` describing `files` (the bundle and the public files: all that is deployed). */
export async function emitBuildInfo(
  context: { emitFile?: (file: { type: 'asset'; fileName: string; source: string }) => string },
  options: { fileName: string },
  build: { id: string; createdAt: string; context: Promise<{ git: { sha: string | null } }> },
  files: BundleLike,
): Promise<void> {
  const { git } = await build.context
  const info = createBuildInfo({
    commitSha: deployedCommit(process.env, git.sha),
    recordId: build.id,
    builtAt: build.createdAt,
    outputs: Object.values(files).map((item) => ({
      fileName: item.fileName,
      content: item.type === 'chunk' ? item.code : item.source,
    })),
  })
  context.emitFile?.({
    type: 'asset',
    fileName: options.fileName,
    source: `${JSON.stringify(info, null, 2)}\n`,
  })
}
