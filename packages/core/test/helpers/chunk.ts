import type { BundleChunk } from '@shipwatch/core'

/** A chunk as the bundlers hand it to plugins, with only what core reads; `moduleIds` when a test needs them. */
export function testChunk(
  fileName: string,
  modules: BundleChunk['modules'],
  moduleIds?: string[],
): BundleChunk {
  return {
    type: 'chunk',
    fileName,
    name: fileName.replace(/\.js$/, ''),
    code: '',
    isEntry: true,
    isDynamicEntry: false,
    facadeModuleId: null,
    imports: [],
    dynamicImports: [],
    modules,
    ...(moduleIds ? { moduleIds } : {}),
  }
}
