import { closestName } from '../cli/closest-name.js'

/** The parts of a schema issue (valibot's shape) a message needs. */
export interface OptionIssue {
  type: string
  message: string
  expected: string | null
  received: string
  /** The value at the path, as the user wrote it. */
  input?: unknown
  path?: readonly { key: unknown }[]
}

/** The parts of a schema a walk by key needs: object entries, and the wrappers around them. */
interface SchemaNode {
  entries?: Record<string, SchemaNode>
  wrapped?: SchemaNode
  options?: readonly SchemaNode[]
}

/**
 * One line for the first problem with a plugin's options: the field's path and what it must be, or, for a key the
 * schema does not know, the closest known one. `label` is how the user calls the plugin: `buildMetrics(options)`.
 */
export function describeOptionIssue(label: string, issue: OptionIssue, schema: unknown): string {
  const keys = (issue.path ?? []).map((p) => String(p.key))
  const field = keys.join('.')
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    const known = Object.keys(entriesAt(schema as SchemaNode, keys.slice(0, -1)))
    const guess = closestName(keys.at(-1)!, known)
    return `${label}: unknown option ${field}${guess ? ` (did you mean ${[...keys.slice(0, -1), guess].join('.')}?)` : ''}; known: ${known.join(', ')}`
  }
  // A message written in the schema says what to do; valibot's default says what was expected.
  const what = issue.message.startsWith('Invalid ') ? `must be ${readable(issue.expected)}` : issue.message
  return `${label}: ${field || 'options'} ${what}, got ${shown(issue)}`
}

function shown(issue: OptionIssue): string {
  if (!('input' in issue)) return issue.received
  const json = JSON.stringify(issue.input) ?? String(issue.input)
  return json.length <= 60 ? json : `${json.slice(0, 59)}…`
}

function entriesAt(schema: SchemaNode, keys: string[]): Record<string, SchemaNode> {
  let node: SchemaNode | undefined = schema
  for (const key of keys) node = unwrap(node)?.entries?.[key]
  return unwrap(node)?.entries ?? {}
}

function unwrap(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node
  while (current && !current.entries) {
    if (current.wrapped) current = current.wrapped
    else current = current.options?.find((o) => unwrap(o)?.entries)
    if (!current) return undefined
  }
  return current
}

function readable(expected: string | null): string {
  if (!expected) return 'valid'
  return expected
    .replace(/^\((.*)\)$/, '$1')
    .replace(/ \| /g, ' or ')
    .replace(/\bObject\b/g, 'an object')
}
