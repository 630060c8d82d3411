// `@shipwatch/core/build`: what build plugins use while a build runs — reading a bundle, sizes, git/CI/machine facts,
// budget rules, the history store and baselines. It loads no schema (zod): records are validated where they are read
// for reports, and the plugins' records by their tests.
export * from './attribution/attribute.js'
export * from './attribution/describe.js'
export * from './attribution/import-chain.js'
export * from './attribution/output-identity.js'
export * from './budget/index.js'
export type { BundleAsset, BundleChunk, BundleItem, BundleLike } from './bundle/bundle-shape.js'
export * from './bundle/collect-outputs.js'
export * from './bundle/collect-pages.js'
export * from './bundle/initial-set.js'
export * from './bundle/metrics-api.js'
export * from './bundle/module-ids.js'
export * from './bundle/public-files.js'
export { closestName } from './cli/closest-name.js'
export * from './config/option-issue.js'
export { detectCi } from './env/ci.js'
export * from './env/context.js'
export * from './env/envelope.js'
export * from './env/git.js'
export * from './env/machine.js'
export * from './env/project-name.js'
export * from './format/bytes.js'
export * from './format/duration.js'
export * from './format/output-kind.js'
export { MAX_STRING_CHARS } from './history/bound-record.js'
export * from './history/history-store.js'
export { HistoryDatabaseError, STATEMENT_TIMEOUT_MS } from './history/postgres/connect.js'
export {
  LATEST_MIGRATION,
  MIGRATIONS,
  type Migration as DatabaseMigration,
} from './history/postgres/migrations.js'
export { type DatabaseFilter, PostgresHistory } from './history/postgres/postgres-history.js'
export {
  connectEarly,
  countUnsent,
  type EarlyConnection,
  type SendResult,
  sendToDatabase,
  UNSENT_FILE,
} from './history/postgres/unsent.js'
export { describeHistoryWarning, type HistoryWarning } from './history/read-records.js'
export { MISSING_HTML_VALIDATE } from './html/missing-validator.js'
export * from './log/logger.js'
export * from './log/redact.js'
export { exportSpans, type OtlpTarget, otlpTargetFromEnv } from './otel/export-spans.js'
export { buildSpans, deploySpans, type SpanPlan } from './otel/span-plan.js'
export type * from './schema/build-record.js'
export type * from './schema/deploy-record.js'
export type * from './schema/envelope.js'
export type { ShipwatchRecord } from './schema/parse-record.js'
export { checkStoredRecord } from './schema/stored-record.js'
export * from './schema/version.js'
export * from './size/compression.js'
export * from './size/size-cache.js'
export * from './size/size-calculator.js'
export { CompressionPool } from './size/worker-pool.js'
export * from './trend/database-baseline.js'
export * from './trend/find-baseline.js'
