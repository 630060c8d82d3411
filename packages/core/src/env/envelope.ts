import { randomUUID } from 'node:crypto'
import type { CiInfo, GitInfo, MachineInfo } from '../schema/envelope.js'
import { SCHEMA_VERSION } from '../schema/version.js'

/** A record's identity: build plugins take it when the build starts, other records when they are made. */
export interface RecordStamp {
  id: string
  createdAt: string
}

/** The envelope fields every record starts with. */
export function createEnvelope(
  context: { git: GitInfo; ci: CiInfo; machine: MachineInfo },
  project: string,
  stamp: RecordStamp = { id: randomUUID(), createdAt: new Date().toISOString() },
) {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: stamp.id,
    createdAt: stamp.createdAt,
    project,
    git: context.git,
    ci: context.ci,
    machine: context.machine,
  } as const
}
