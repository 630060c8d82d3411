/** A deployment as every hosting provider describes it. */
export interface HostedDeployment {
  id: string
  url: string
  state: 'READY' | 'BUILDING' | 'ERROR' | 'INITIALIZING' | 'QUEUED' | 'CANCELED' | string
  target: 'production' | 'preview' | null
  createdAt: number
  commitSha: string | null
}

/** What rollback needs from a host. Another host is one more implementation; the checks never change. */
export interface HostingProvider {
  name: string
  /** Newest first. */
  list(): Promise<HostedDeployment[]>
  rollbackTo(idOrUrl: string): Promise<void>
  /** The provider's own description of an ongoing or finished rollback. */
  status(): Promise<string>
}

/** The live production deployment: the newest READY one targeting production. */
export function currentProduction(deployments: HostedDeployment[]): HostedDeployment | null {
  return deployments.find((d) => d.target === 'production' && d.state === 'READY') ?? null
}

/** The newest READY production deployment before the current one — the one `prev` rolls back to. */
export function previousProduction(deployments: HostedDeployment[]): HostedDeployment | null {
  const current = currentProduction(deployments)
  if (!current) return null
  return (
    deployments.find(
      (d) => d.target === 'production' && d.state === 'READY' && d.createdAt < current.createdAt,
    ) ?? null
  )
}

/** The hosting provider's tool failed (bad token, network, unknown deployment): exit 1 with its message, no stack. */
export class ProviderError extends Error {
  override name = 'ProviderError'
}

/** The hosting provider's CLI is not installed: a setup mistake (exit 2), with the install command. */
export class MissingCliError extends ProviderError {
  override name = 'MissingCliError'
}
