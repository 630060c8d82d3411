// The parts of a Rollup / Rolldown / Vite output bundle we read, typed structurally so this package does not need
// any bundler's types at runtime or in its published declarations.

export interface BundleChunk {
  type: 'chunk'
  fileName: string
  name: string
  code: string
  isEntry: boolean
  isDynamicEntry: boolean
  facadeModuleId: string | null
  imports: string[]
  dynamicImports: string[]
  modules: Record<string, { renderedLength: number }>
  /** Rollup 3+ and Rolldown; ids in the chunk's order. */
  moduleIds?: string[]
  /** Vite only. */
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> }
}

export interface BundleAsset {
  type: 'asset'
  fileName: string
  name?: string | undefined
  names?: string[]
  /** Vite and Rollup 4.20+: the source files the asset came from, absolute or relative to the root. */
  originalFileNames?: string[]
  source: string | Uint8Array
}

export type BundleItem = BundleChunk | BundleAsset
export type BundleLike = Record<string, BundleItem>
