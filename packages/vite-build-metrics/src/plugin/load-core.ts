// Git, CI and machine facts come from @shipwatch/core/context, first asked for when a build starts. The published
// entries bundle it into their one file (see tsup.config.ts), where this import becomes a lazy initialiser; elsewhere
// it is a module loaded on first use. The plugin never loads the schema (zod): it writes records it assembled itself
// and reads history with plain JSON.
let context: Promise<typeof import('@shipwatch/core/context')> | null = null

export function loadContextModule(): Promise<typeof import('@shipwatch/core/context')> {
  context ??= import('@shipwatch/core/context')
  return context
}

/** Page validation, loaded only when it is on (`html.validate`): most builds never parse it. */
export function loadHtmlModule(): Promise<typeof import('@shipwatch/core/html')> {
  return import('@shipwatch/core/html')
}
