import { execFile } from 'node:child_process'
import { createRedactor } from '@shipwatch/core'
import { type HostedDeployment, type HostingProvider, MissingCliError, ProviderError } from './provider.js'

interface VercelListJson {
  deployments: {
    uid?: string
    id?: string
    url: string
    state?: string
    readyState?: string
    target: 'production' | null
    createdAt: number
    meta?: { githubCommitSha?: string }
  }[]
}

/**
 * Vercel through its CLI: `vercel ls -F json`, `vercel rollback <url|id>`, `vercel rollback status`. Every call is
 * execFile with an argument array (an id full of shell metacharacters stays one literal argument); the token reaches
 * the CLI through the environment (VERCEL_TOKEN), never the arguments, and no output of ours repeats it.
 */
export function vercelProvider(options: {
  env: NodeJS.ProcessEnv
  cwd: string
  bin?: string
}): HostingProvider {
  const redact = createRedactor([options.env.VERCEL_TOKEN])
  const run = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile(
        options.bin ?? 'vercel',
        args,
        { env: options.env, cwd: options.cwd, maxBuffer: 20_000_000 },
        (error, stdout, stderr) => {
          if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT')
            reject(
              new MissingCliError(
                `rollback runs the Vercel CLI, and there is no \`${options.bin ?? 'vercel'}\` on PATH: npm install --global vercel (then set VERCEL_TOKEN, and run vercel link once in the project)`,
              ),
            )
          else if (error)
            reject(
              new ProviderError(
                `vercel ${args[0]} failed: ${redact(String(stderr || error.message).trim())}`,
              ),
            )
          else resolve(stdout)
        },
      )
    })
  return {
    name: 'vercel',
    async list() {
      const output = await run(['ls', '-F', 'json'])
      let parsed: VercelListJson
      try {
        parsed = JSON.parse(output) as VercelListJson
        if (!Array.isArray(parsed.deployments)) throw new TypeError('no deployments list')
      } catch (error) {
        throw new ProviderError(`vercel ls -F json gave no deployment list (${(error as Error).message})`)
      }
      return parsed.deployments.map(
        (d): HostedDeployment => ({
          id: d.uid ?? d.id ?? d.url,
          url: d.url.startsWith('http') ? d.url : `https://${d.url}`,
          state: d.state ?? d.readyState ?? 'UNKNOWN',
          target: d.target === 'production' ? 'production' : 'preview',
          createdAt: d.createdAt,
          commitSha: d.meta?.githubCommitSha ?? null,
        }),
      )
    },
    async rollbackTo(idOrUrl) {
      if (!isDeploymentRef(idOrUrl))
        throw new ProviderError(`not a Vercel deployment id or URL: ${JSON.stringify(idOrUrl.slice(0, 100))}`)
      // `--` ends the options: the operand can never be read as one (`--token=…`, `-h`).
      await run(['rollback', '--', idOrUrl])
    },
    async status() {
      return (await run(['rollback', 'status'])).trim()
    },
  }
}

const DEPLOYMENT_ID = /^dpl_[A-Za-z0-9]{6,64}$/
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i

/** A deployment id (`dpl_…`), a deployment host (`app-abc.vercel.app`) or its https URL: nothing else reaches the CLI. */
export function isDeploymentRef(text: string): boolean {
  if (DEPLOYMENT_ID.test(text) || HOST.test(text)) return true
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  return url.protocol === 'https:' && !url.username && !url.password && HOST.test(url.hostname)
}
