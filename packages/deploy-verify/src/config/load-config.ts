import { ConfigFileError, configCandidates, loadConfigFile } from '@shipwatch/core'
import { DeployConfigError, type DeployVerifyConfig } from './options.js'

/** deploy-verify.config.{ts,mts,js,mjs,json}, or the file given; `{}` when there is none. */
export async function loadConfig(cwd: string, file?: string): Promise<DeployVerifyConfig> {
  try {
    const loaded = await loadConfigFile(cwd, configCandidates('deploy-verify'), file)
    if (!loaded) return {}
    if (typeof loaded.value !== 'object' || loaded.value === null) {
      throw new DeployConfigError(
        `${loaded.path} must export an object (use defineConfig from @shipwatch/deploy-verify)`,
      )
    }
    return loaded.value as DeployVerifyConfig
  } catch (error) {
    if (error instanceof ConfigFileError) throw new DeployConfigError(error.message)
    throw error
  }
}
