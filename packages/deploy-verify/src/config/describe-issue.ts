import { closestName } from '@shipwatch/core'
import type { z } from 'zod'

type Issue = z.core.$ZodIssue

/** One line for the first problem in a configuration: the field, what it accepts, what it got, or the closest key. */
export function describeConfigIssue(error: z.ZodError, schema: z.ZodType): string {
  // A misspelt key also leaves its correct one missing: the spelling is the news.
  const first = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0]!
  const issue = mostSpecific(first)
  const path = issue.path.map(String)
  const field = fieldName(path) || 'the configuration'
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = Object.keys(shapeAt(schema, path))
      const key = issue.keys[0]!
      const guess = closestName(key, known)
      const at = (name: string) => fieldName([...path, name])
      return `unknown option ${at(key)}${guess ? ` (did you mean ${at(guess)}?)` : ''}; known: ${known.join(', ')}`
    }
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${shown(issue)}`
    case 'invalid_type':
      return `${field} must be ${article(issue.expected)}, got ${shown(issue)}`
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum
      const word =
        issue.code === 'too_small'
          ? issue.inclusive
            ? 'at least'
            : 'more than'
          : issue.inclusive
            ? 'at most'
            : 'less than'
      const unit = issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : ''
      return `${field} must ${issue.origin === 'array' ? 'have' : 'be'} ${word} ${bound}${unit}, got ${shown(issue)}`
    }
    case 'custom':
      return issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`
    default:
      return `${field} ${issue.message.replace(/^Invalid input: /, '')}, got ${shown(issue)}`
  }
}

/** `functions[0].name`, as the user would write it. */
function fieldName(path: string[]): string {
  return path.map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : i === 0 ? key : `.${key}`)).join('')
}

// For `health: true | { … }`, the object's own problem says more than "expected boolean".
function mostSpecific(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue
  const branches = issue.errors.filter((branch) => branch.length > 0)
  const deeper = branches.find(
    (branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0),
  )
  const branch = deeper ?? branches[0]
  const chosen = branch?.find((i) => i.code === 'unrecognized_keys') ?? branch?.[0]
  if (!chosen) return issue
  return mostSpecific({ ...chosen, path: [...issue.path, ...chosen.path] } as Issue)
}

function shown(issue: Issue): string {
  if (!('input' in issue)) return 'nothing'
  const json = JSON.stringify(issue.input) ?? String(issue.input)
  return json.length <= 60 ? json : `${json.slice(0, 59)}…`
}

function article(type: string): string {
  if (type === 'array' || type === 'object' || type === 'int')
    return `an ${type === 'int' ? 'integer' : type}`
  return `a ${type}`
}

interface SchemaLike {
  shape?: Record<string, SchemaLike>
  options?: SchemaLike[]
  element?: SchemaLike
  unwrap?: () => SchemaLike
}

/** The object schema a path leads to, through optionals, unions and arrays: its keys are the known ones. */
function shapeAt(schema: z.ZodType, path: string[]): Record<string, SchemaLike> {
  let node: SchemaLike | undefined = objectIn(schema as unknown as SchemaLike)
  // An array's items were reached with its key: an index adds nothing.
  for (const key of path) if (!/^\d+$/.test(key)) node = objectIn(node?.shape?.[key])
  return node?.shape ?? {}
}

function objectIn(node: SchemaLike | undefined): SchemaLike | undefined {
  let current = node
  for (let depth = 0; current && !current.shape && depth < 8; depth++) {
    if (current.element) current = current.element
    else if (current.options) current = current.options.find((o) => objectIn(o)?.shape)
    else if (current.unwrap) current = current.unwrap()
    else return undefined
  }
  return current
}
