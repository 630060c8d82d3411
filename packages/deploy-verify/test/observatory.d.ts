// The oracle ships no types; this is the part the differential test reads.
declare module '@mdn/mdn-http-observatory' {
  export function scan(host: string): Promise<{
    scan: { score: number; grade: string; algorithmVersion: number }
    tests: Record<string, { result: string; scoreModifier: number }>
  }>
}
