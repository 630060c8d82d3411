/** What replaces a secret in every output. */
export const REDACTED = '[redacted]'

// A part shorter than this is too common to replace (and too short to be a secret worth the name).
const MIN_PART = 4
// `scheme://user:password@host`: the user info of any URL in any text, known secret or not.
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi
// A JWT or similar dotted token: each long segment is secret on its own (a message may quote only the signature).
const TOKEN_SEGMENT = 16

export type Redactor = (text: string) => string

/**
 * The parts of a secret value that must appear nowhere: the value itself; for a URL its password and user, raw and
 * decoded (a server may echo either); for a dotted token each long segment.
 */
export function secretParts(value: string): string[] {
  const parts = new Set([value])
  if (URL.canParse(value)) {
    const url = new URL(value)
    for (const part of [url.password, url.username]) {
      parts.add(part)
      parts.add(safeDecode(part))
    }
  }
  for (const segment of value.split('.')) if (segment.length >= TOKEN_SEGMENT) parts.add(segment)
  return [...parts].filter((part) => part.length >= MIN_PART)
}

/**
 * Replaces every part of the given secrets, and the user info of every URL, in a text. Longest parts first, so a
 * password inside a whole URL does not leave the rest of the URL half-replaced.
 */
export function createRedactor(secrets: readonly (string | null | undefined)[]): Redactor {
  const parts = [
    ...new Set(secrets.filter((s): s is string => typeof s === 'string').flatMap(secretParts)),
  ].sort((a, b) => b.length - a.length)
  return (text) =>
    parts
      .reduce((out, part) => out.split(part).join(REDACTED), text)
      .replace(URL_USER_INFO, (_match, scheme: string) => `${scheme}${REDACTED}@`)
}

/** A copy of a JSON-like value with every string (object keys included) passed through the redactor. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  return walk(value, redact) as T
}

function walk(value: unknown, redact: Redactor): unknown {
  if (typeof value === 'string') return redact(value)
  if (Array.isArray(value)) return value.map((item) => walk(item, redact))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), walk(v, redact)]))
  return value
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
