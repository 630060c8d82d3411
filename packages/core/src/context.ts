// `@shipwatch/core/context`: facts about where a build runs (git, CI, machine) without the schema or the
// history store, so build plugins can load just this while a build runs.
export { detectCi } from './env/ci.js'
export * from './env/context.js'
export * from './env/git.js'
export * from './env/machine.js'
