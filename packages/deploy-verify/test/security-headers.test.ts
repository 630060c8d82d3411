import { existsSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gradeResponse } from '../src/security/observatory.js'
import { gradeFor } from '../src/security/score-table.js'
import { CORPUS, type HeaderCase } from './observatory-corpus.js'
import { onlyChecks } from './only-checks.js'

// The oracle: @mdn/mdn-http-observatory (a dev dependency). Its install script downloads lists we cannot reach;
// empty local ones make scan() work offline.
const require = createRequire(import.meta.url)
const oracleRoot = join(dirname(require.resolve('@mdn/mdn-http-observatory/package.json')))
for (const [file, content] of [
  ['conf/hsts-preload.json', '{}'],
  ['conf/tld-list.json', '[]'],
]) {
  if (!existsSync(join(oracleRoot, file!))) writeFileSync(join(oracleRoot, file!), content!)
}

let current: HeaderCase = CORPUS[0]!
let server: Server
let port = 0
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(404)
      return res.end()
    }
    res.writeHead(200, {
      'content-type': current.contentType ?? 'text/html; charset=utf-8',
      ...current.headers,
    })
    res.end(current.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

describe('security headers: our grade equals the HTTP Observatory’s (algorithm 4)', () => {
  it(`agrees on all ${CORPUS.length} header sets, test by test`, async () => {
    const { scan } = await import('@mdn/mdn-http-observatory')
    expect(CORPUS.length).toBeGreaterThanOrEqual(40)
    const mismatches: string[] = []
    for (const testCase of CORPUS) {
      current = testCase
      const oracle = await scan(`127.0.0.1:${port}`)
      const response = await fetch(`http://127.0.0.1:${port}/`)
      const ours = gradeResponse({
        url: response.url,
        headers: response.headers,
        body: await response.text(),
        redirection: 'redirection-missing',
      })
      expect(oracle.scan.algorithmVersion).toBe(4)
      expect(Object.keys(oracle.tests)).toHaveLength(10)
      for (const [name, test] of Object.entries(oracle.tests)) {
        if (ours.tests[name]?.result !== test.result)
          mismatches.push(`${testCase.name}: ${name} ours ${ours.tests[name]?.result} vs ${test.result}`)
      }
      if (ours.score !== oracle.scan.score || ours.grade !== oracle.scan.grade) {
        mismatches.push(
          `${testCase.name}: score ${ours.score} ${ours.grade} vs ${oracle.scan.score} ${oracle.scan.grade}`,
        )
      }
    }
    expect(mismatches).toEqual([])
  }, 60_000)

  it('maps scores to grades as the Observatory does', () => {
    expect([100, 95, 90, 85, 80, 75, 70, 65, 60, 55, 50, 45, 40, 35, 30, 25, 20].map(gradeFor)).toEqual([
      'A+',
      'A',
      'A',
      'A-',
      'B+',
      'B',
      'B',
      'B-',
      'C+',
      'C',
      'C',
      'C-',
      'D+',
      'D',
      'D',
      'D-',
      'F',
    ])
    expect(gradeFor(137)).toBe('A+')
    expect(gradeFor(-10)).toBe('F')
  })
})

describe('the security-headers check', () => {
  it('gates on the minimum grade and says what plain http costs', async () => {
    const { verifyDeployment } = await import('@shipwatch/deploy-verify')
    const run = async (headers: Record<string, string>, minGrade?: string) => {
      current = {
        name: 'check',
        headers,
        body: '<!doctype html><html lang="en"><head><title>x</title></head><body>x</body></html>',
      }
      const record = await verifyDeployment(
        {
          url: `http://127.0.0.1:${port}`,
          retries: 0,
          ...onlyChecks('security'),
          security: minGrade ? { minGrade } : {},
        },
        { env: {} },
      )
      return record.checks.find((c) => c.id === 'security')!
    }
    const good = await run({
      'content-security-policy': "default-src 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    })
    // Over http the grade (C+) is under the minimum (B): never shown as passed, though the other headers earn A+.
    expect(good.status).toBe('warn')
    expect(good.message).toBe(
      'grade C+ (score 60, Observatory algorithm 4) over plain http, below the minimum B; without the https-only tests (redirection, HSTS) the headers earn A+ — verify the https URL for a passing grade',
    )
    expect(good.data).toMatchObject({
      kind: 'security',
      grade: 'C+',
      score: 60,
      gatedGrade: 'A+',
      minGrade: 'B',
      https: false,
    })
    expect(good.details).toContain('permissions-policy: missing')
    const bare = await run({})
    expect(bare.status).toBe('fail')
    expect(bare.message).toBe(
      'grade F (score 10, Observatory algorithm 4), C without the https-only tests: below the minimum B — costliest: content-security-policy -25, x-frame-options -20, x-content-type-options -5 (or set security.minGrade)',
    )
    // A minimum of C: F over http is a warning naming both grades, never a pass.
    const atC = await run({}, 'C')
    expect(atC.status).toBe('warn')
    expect(atC.message).toMatch(/^grade F .* below the minimum C; .* the headers earn C/)
    expect((await run({}, 'F')).status).toBe('pass')
  })
})

describe('algorithm versions 5 and 6', () => {
  const response = (headers: Record<string, string>) => ({
    url: 'https://example.com/',
    headers: new Headers({ 'content-type': 'text/html', ...headers }),
    body: '<!doctype html><title>x</title>',
    redirection: 'redirection-to-https',
  })
  const strong = {
    'content-security-policy': "default-src 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'strict-transport-security': 'max-age=31536000',
    'referrer-policy': 'no-referrer',
  }

  it('version 5 gives SAMEORIGIN/DENY +5; version 4 gives 0', () => {
    expect(gradeResponse(response(strong), 4).tests['x-frame-options']!.modifier).toBe(0)
    expect(gradeResponse(response(strong), 5).tests['x-frame-options']!.modifier).toBe(5)
    expect(gradeResponse(response(strong), 4).score).toBe(115)
    expect(gradeResponse(response(strong), 5).score).toBe(120)
  })

  it('version 6 adds COOP and COEP: strict +10, invalid −5, absent 0', () => {
    const v6 = gradeResponse(
      response({
        ...strong,
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      }),
      6,
    )
    expect(v6.tests['cross-origin-opener-policy']).toEqual({
      result: 'coop-implemented-with-same-origin',
      modifier: 10,
    })
    expect(v6.tests['cross-origin-embedder-policy']).toEqual({
      result: 'coep-implemented-strict',
      modifier: 10,
    })
    expect(v6.score).toBe(140)
    const invalid = gradeResponse(response({ 'cross-origin-opener-policy': 'sometimes' }), 6)
    expect(invalid.tests['cross-origin-opener-policy']!.modifier).toBe(-5)
    expect(gradeResponse(response(strong), 4).tests['cross-origin-opener-policy']).toBeUndefined()
  })
})
