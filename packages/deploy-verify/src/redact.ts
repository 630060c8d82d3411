/** Replaces every secret value in a text: nothing the verifier prints or records may contain one. */
export function createRedactor(secrets: (string | undefined)[]): (text: string) => string {
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4)
  return (text) => values.reduce((out, secret) => out.split(secret).join('[redacted]'), text)
}
