import type { DeployRecord } from '@shipwatch/core'

/**
 * Where a verification is reported so that it can hold a deployment back: opened when verification starts (the
 * host shows it running), closed with the verdict.
 */
export interface PromotionGate {
  name: string
  start(): Promise<void>
  finish(record: DeployRecord, summary: string): Promise<void>
}

/** One line for the gate's title: the verdict and the counts. */
export function gateTitle(record: DeployRecord): string {
  const count = (status: string) => record.checks.filter((c) => c.status === status).length
  const failed = count('fail')
  const parts = [
    `${count('pass')} passed`,
    `${failed} failed`,
    `${count('warn')} warned`,
    `${count('skip')} skipped`,
  ]
  return `${failed > 0 ? 'Deployment failed verification' : 'Deployment verified'}: ${parts.join(', ')}`
}
