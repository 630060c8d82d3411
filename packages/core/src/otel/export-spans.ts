import { createRedactor } from '../log/redact.js'
import type { SpanPlan } from './span-plan.js'

/** Where traces go: from OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. */
export interface OtlpTarget {
  url: string
  /** OTEL_EXPORTER_OTLP_HEADERS (`key=value,…`): often an API key, never printed. */
  headers: Record<string, string>
}

/** The OTLP/HTTP target the standard environment variables name, or null when they name none. */
export function otlpTargetFromEnv(env: NodeJS.ProcessEnv): OtlpTarget | null {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT
  const url = traces || (base ? `${base.replace(/\/$/, '')}/v1/traces` : null)
  if (!url || !/^https?:\/\//.test(url)) return null
  const headers: Record<string, string> = {}
  for (const pair of (env.OTEL_EXPORTER_OTLP_TRACES_HEADERS || env.OTEL_EXPORTER_OTLP_HEADERS || '').split(
    ',',
  )) {
    const at = pair.indexOf('=')
    if (at > 0)
      headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim())
  }
  return { url, headers }
}

// A build waits this long at most for its trace to be accepted.
const EXPORT_TIMEOUT_MS = 5_000

/**
 * Sends one trace through the official OpenTelemetry SDK and OTLP/HTTP exporter (optional peer dependencies, loaded
 * only here). Its root's parent is the W3C `traceparent` given (a CI job's TRACEPARENT), so the trace nests under the
 * job's span. Throws an Error naming what failed, without the headers' values.
 */
export async function exportSpans(
  plan: SpanPlan,
  target: OtlpTarget,
  options: { traceparent?: string; tracestate?: string; serviceName: string; version: string },
): Promise<void> {
  const redact = createRedactor(Object.values(target.headers))
  let otel: Awaited<ReturnType<typeof load>>
  try {
    otel = await load()
  } catch {
    throw new Error(
      'exporting traces needs the OpenTelemetry SDK: npm install --save-dev @opentelemetry/api @opentelemetry/core @opentelemetry/resources @opentelemetry/sdk-trace-base @opentelemetry/exporter-trace-otlp-http',
    )
  }
  const { api, core, resources, sdk, exporterModule } = otel
  const exporter = new exporterModule.OTLPTraceExporter({
    url: target.url,
    headers: target.headers,
    timeoutMillis: EXPORT_TIMEOUT_MS,
  })
  const failures: string[] = []
  const provider = new sdk.BasicTracerProvider({
    resource: resources.resourceFromAttributes({
      'service.name': options.serviceName,
      'service.version': options.version,
    }),
    spanProcessors: [
      // One request for the whole trace: the batch is flushed once, below.
      new sdk.BatchSpanProcessor({
        export: (spans, done) =>
          exporter.export(spans, (result) => {
            if (result.code !== core.ExportResultCode.SUCCESS)
              failures.push(redact(result.error?.message ?? 'the collector refused the trace'))
            done(result)
          }),
        shutdown: () => exporter.shutdown(),
        forceFlush: () => exporter.forceFlush(),
      }),
    ],
  })
  const tracer = provider.getTracer(options.serviceName, options.version)
  const carrier = { traceparent: options.traceparent ?? '', tracestate: options.tracestate ?? '' }
  const parent = options.traceparent
    ? new core.W3CTraceContextPropagator().extract(api.ROOT_CONTEXT, carrier, api.defaultTextMapGetter)
    : api.ROOT_CONTEXT
  const start = (node: SpanPlan, context: import('@opentelemetry/api').Context) => {
    const span = tracer.startSpan(
      node.name,
      { startTime: node.startMs, attributes: node.attributes },
      context,
    )
    if (node.status === 'error') span.setStatus({ code: api.SpanStatusCode.ERROR })
    const inner = api.trace.setSpan(context, span)
    for (const child of node.children) start(child, inner)
    span.end(node.endMs)
  }
  start(plan, parent)
  await provider.forceFlush()
  await provider.shutdown()
  if (failures.length > 0) throw new Error(`the OTLP endpoint did not take the trace: ${failures[0]}`)
}

async function load() {
  const [api, core, resources, sdk, exporterModule] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ])
  return { api, core, resources, sdk, exporterModule }
}
