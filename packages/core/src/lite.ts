// `@shipwatch/core/lite`: the parts of core that load in a few milliseconds (no zod, no git, no CI detection).
// Build plugins import this at config time and load the full `@shipwatch/core` lazily, while the build runs.
export * from './bundle/initial-set.js'
export * from './env/envelope.js'
export * from './format/bytes.js'
export * from './format/duration.js'
export * from './format/output-kind.js'
export * from './history/paths.js'
export * from './log/logger.js'
export * from './schema/version.js'
export * from './size/compression.js'
export * from './size/size-cache.js'
export * from './size/size-calculator.js'
export { CompressionPool } from './size/worker-pool.js'
// Types only: erased at runtime, so they cost nothing to import.
export type * from './schema/build-record.js'
export type * from './schema/deploy-record.js'
export type * from './schema/envelope.js'
export type { RecordContext } from './env/context.js'
