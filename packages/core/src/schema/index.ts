export * from './build-record.js'
export * from './deploy-record.js'
export * from './envelope.js'
export * from './parse-record.js'
