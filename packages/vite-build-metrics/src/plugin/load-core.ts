// Git, CI and machine facts come from @shipwatch/core/context, loaded once a build first needs them (when its module
// graph is done) so vite.config.ts stays fast and the import overlaps the bundler's own work. The plugin never loads the schema (zod): it writes
// records it assembled itself and reads history with plain JSON.
let context: Promise<typeof import('@shipwatch/core/context')> | null = null

export function loadContextModule(): Promise<typeof import('@shipwatch/core/context')> {
  context ??= import('@shipwatch/core/context')
  return context
}
