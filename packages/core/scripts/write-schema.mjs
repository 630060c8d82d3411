// Writes the JSON Schema of the record format next to package.json, from the built code.
import { writeFileSync } from 'node:fs'
import { recordJsonSchema } from '../dist/index.js'

writeFileSync(new URL('../schema.json', import.meta.url), `${JSON.stringify(recordJsonSchema(), null, 2)}\n`)
