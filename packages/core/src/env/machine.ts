import os from 'node:os'
import type { MachineInfo } from '../schema/envelope.js'

export function readMachineFacts(): MachineInfo {
  const cpus = os.cpus()
  return {
    os: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memory: os.totalmem(),
    node: process.version,
  }
}
