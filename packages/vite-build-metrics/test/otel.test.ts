import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build } from 'vite'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, removeFixtures } from '../../../test-support/fixture.js'

afterAll(removeFixtures)

// An OTLP/HTTP receiver on 127.0.0.1 (no collector can be installed here): it decodes what the official exporter
// sends (OTLP JSON, `POST /v1/traces`) into spans with their attributes as plain values.
interface ReceivedSpan {
  traceId: string
  spanId: string
  parentSpanId: string | undefined
  name: string
  start: bigint
  end: bigint
  status: number | undefined
  attributes: Record<string, unknown>
}

const receivers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
  delete process.env.TRACEPARENT
})

async function otlpReceiver() {
  const spans: ReceivedSpan[] = []
  const requests: { path: string; headers: IncomingMessage['headers'] }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      requests.push({ path: req.url!, headers: req.headers })
      const payload = JSON.parse(body)
      for (const resource of payload.resourceSpans ?? [])
        for (const scope of resource.scopeSpans ?? [])
          for (const span of scope.spans ?? [])
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              name: span.name,
              start: BigInt(span.startTimeUnixNano),
              end: BigInt(span.endTimeUnixNano),
              status: span.status?.code,
              attributes: Object.fromEntries(
                (span.attributes ?? []).map((a: { key: string; value: Record<string, unknown> }) => [
                  a.key,
                  a.value.stringValue ?? a.value.intValue ?? a.value.doubleValue ?? a.value.boolValue,
                ]),
              ),
            })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  receivers.push(receiver)
  return receiver
}

// The fixture is no git checkout: that warning is not this test's subject.
const traceWarnings = (warnings: string[]) => warnings.filter((w) => !w.includes('not a git repository'))

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const JOB_SPAN = '00f067aa0ba902b7'

describe('a build as an OpenTelemetry trace', () => {
  it('one trace under the CI job’s TRACEPARENT: the build, its phases, each plugin × hook with its calls', async () => {
    const receiver = await otlpReceiver()
    process.env.TRACEPARENT = `00-${TRACE_ID}-${JOB_SPAN}-01`
    const root = copyFixture('two-pages', { modules: 3 })
    const log = captureLogger()
    await build({
      root,
      configFile: false,
      customLogger: log.logger as never,
      plugins: [
        buildMetrics({
          quiet: true,
          otel: { endpoint: `${receiver.url}/v1/traces`, headers: { 'x-api-key': 'k3y-FOR-tests' } },
        }),
      ],
    })
    expect(traceWarnings(log.warn)).toEqual([])
    expect(receiver.requests.map((r) => r.path)).toEqual(['/v1/traces'])
    expect(receiver.requests[0]!.headers['x-api-key']).toBe('k3y-FOR-tests')
    const buildSpan = receiver.spans.find((s) => s.parentSpanId === JOB_SPAN)!
    expect(buildSpan.name).toMatch(/^vite build /)
    expect(receiver.spans.every((s) => s.traceId === TRACE_ID)).toBe(true)
    expect(buildSpan.attributes).toMatchObject({
      'cicd.pipeline.task.type': 'build',
      'cicd.pipeline.task.run.result': 'success',
      'shipwatch.bundler.name': 'vite',
      'shipwatch.outcome': 'succeeded',
      'shipwatch.build.kind': 'cold',
    })
    const children = receiver.spans.filter((s) => s.parentSpanId === buildSpan.spanId)
    expect(children.length).toBe(receiver.spans.length - 1)
    const phases = children.filter((s) => s.name.startsWith('phase '))
    expect(phases.map((s) => s.name)).toEqual(expect.arrayContaining(['phase modules', 'phase render']))
    // Phases lie end to end inside the build.
    for (const [a, b] of phases.slice(0, -1).map((p, i) => [p, phases[i + 1]!] as const))
      expect(b.start).toBe(a.end)
    const transform = children.find((s) => s.name === 'vite:build-html › transform')!
    expect(transform.attributes).toMatchObject({
      'shipwatch.hook.name': 'transform',
      'shipwatch.plugin.name': 'vite:build-html',
    })
    // Every plugin × hook of the record is a span, with the record's calls and busy time.
    const record = JSON.parse(readFileSync(join(root, 'test-artifacts/build-metrics/latest.json'), 'utf8'))
    const hooks = record.plugins.flatMap(
      (p: { name: string; hooks: Record<string, { calls: number; busyMs: number }> }) =>
        Object.entries(p.hooks).map(([hook, t]) => ({ name: `${p.name} › ${hook}`, ...t })),
    )
    expect(children.length).toBe(phases.length + hooks.length)
    const html = hooks.find((h: { name: string }) => h.name === 'vite:build-html › transform')
    expect(Number(transform.attributes['shipwatch.hook.calls'])).toBe(html.calls)
    expect(Number(transform.end - transform.start) / 1e6).toBeCloseTo(html.busyMs, 0)
    expect(buildSpan.attributes['shipwatch.record.id']).toBe(record.id)
  })

  it('a collector that refuses the trace is one warning; the build succeeds', async () => {
    const root = copyFixture('two-pages', { modules: 1 })
    const log = captureLogger()
    await build({
      root,
      configFile: false,
      customLogger: log.logger as never,
      plugins: [buildMetrics({ quiet: true, otel: { endpoint: 'http://127.0.0.1:1/v1/traces' } })],
    })
    expect(traceWarnings(log.warn)).toHaveLength(1)
    expect(traceWarnings(log.warn)[0]).toMatch(/could not send the build trace \(.*\); the build is fine\./)
  })
})
