// The full @shipwatch/core (zod, git, CI detection) takes ≈ 150 ms to import. The plugin loads it once, when the
// first build starts, so vite.config.ts stays fast and the import overlaps the build.
let core: Promise<typeof import('@shipwatch/core')> | null = null

export function loadCore(): Promise<typeof import('@shipwatch/core')> {
  core ??= import('@shipwatch/core')
  return core
}
