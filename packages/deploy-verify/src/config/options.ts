import { describeConfigIssue } from './describe-issue.js'
import { type DeployVerifyConfig, deployVerifyConfigSchema } from './schema.js'

export type { DeployVerifyConfig } from './schema.js'

/** A mistake in the configuration or the flags: the CLI prints the message and exits 2, with no stack trace. */
export class DeployConfigError extends Error {
  override name = 'DeployConfigError'
}

/** The configuration after the schema: the URL is known and has no trailing slash. */
export type ValidConfig = ReturnType<typeof deployVerifyConfigSchema.parse> & { url: string }

/** Typed helper for deploy-verify.config.ts. */
export function defineConfig(config: DeployVerifyConfig): DeployVerifyConfig {
  return config
}

/** Checks the whole configuration against the schema; `DEPLOY_URL` stands in for a missing url. */
export function validateConfig(config: unknown, env: NodeJS.ProcessEnv = process.env): ValidConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new DeployConfigError('the configuration must be an object like { url, health, … }')
  const withUrl = { ...config } as Record<string, unknown>
  if (withUrl.url === undefined && env.DEPLOY_URL) withUrl.url = env.DEPLOY_URL
  const parsed = deployVerifyConfigSchema.safeParse(withUrl, { reportInput: true })
  if (!parsed.success)
    throw new DeployConfigError(describeConfigIssue(parsed.error, deployVerifyConfigSchema))
  if (!parsed.data.url)
    throw new DeployConfigError(
      'url is required: deploy-verify https://your-deployment.example (or DEPLOY_URL, or url in deploy-verify.config.ts)',
    )
  return { ...parsed.data, url: parsed.data.url.replace(/\/$/, '') }
}
