// `@shipwatch/core/html`: page validation alone. Build plugins import it only when validation is on, so a build
// without it never parses this code.
export * from './html/csp-report.js'
export * from './html/html-validator.js'
export * from './html/initial-references.js'
export * from './html/local-references.js'
export * from './html/positions.js'
export * from './html/preset.js'
