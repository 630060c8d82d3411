import { existsSync } from 'node:fs'
import { UsageError } from '@shipwatch/core'

/** A history folder that is not there is a mistyped path (or no build recorded yet), not an empty report to write. */
export function requireHistory(dir: string): void {
  if (!existsSync(dir))
    throw new UsageError(
      `no history at ${dir}: build with the plugin (or build-metrics track) first, or pass --history-dir`,
    )
}
