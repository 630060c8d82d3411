import { execFile } from 'node:child_process'
import type { HostedDeployment, HostingProvider } from './provider.js'

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
  const run = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile(
        options.bin ?? 'vercel',
        args,
        { env: options.env, cwd: options.cwd, maxBuffer: 20_000_000 },
        (error, stdout, stderr) => {
          if (error)
            reject(
              new Error(`vercel ${args[0]} failed: ${redact(String(stderr || error.message), options.env)}`),
            )
          else resolve(stdout)
        },
      )
    })
  return {
    name: 'vercel',
    async list() {
      const parsed = JSON.parse(await run(['ls', '-F', 'json'])) as VercelListJson
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
      await run(['rollback', idOrUrl])
    },
    async status() {
      return (await run(['rollback', 'status'])).trim()
    },
  }
}

function redact(text: string, env: NodeJS.ProcessEnv): string {
  const token = env.VERCEL_TOKEN
  return token && token.length >= 4 ? text.split(token).join('[redacted]') : text
}
