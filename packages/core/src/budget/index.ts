// Budget rules: parsing, measuring a build against them, and explaining an overrun. The bundle-budget plugin and CLI
// and deploy-verify's served-bundle check all use them.
export * from './budget-input.js'
export * from './budget-rule.js'
export * from './check.js'
export * from './evaluate.js'
export * from './resolve-rules.js'
