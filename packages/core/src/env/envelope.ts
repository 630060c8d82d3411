import { randomUUID } from 'node:crypto'
import type { CiInfo, GitInfo, MachineInfo } from '../schema/envelope.js'
import { SCHEMA_VERSION } from '../schema/version.js'

/** The envelope fields every record starts with. */
export function createEnvelope(context: { git: GitInfo; ci: CiInfo; machine: MachineInfo }, project: string) {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    project,
    git: context.git,
    ci: context.ci,
    machine: context.machine,
  } as const
}
