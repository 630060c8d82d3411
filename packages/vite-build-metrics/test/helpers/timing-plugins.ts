// Plugins with a known cost, to check that the record blames the right plugin and hook with the right size.

function busyWait(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // spin: a synchronous cost
  }
}

const isGenerated = (id: string) => /gen-\d+\.ts$/.test(id)

/** Spends `ms` synchronously in transform for every generated module. */
export function syncCostPlugin(ms: number, name = 'test:sync-cost') {
  return {
    name,
    transform(_code: string, id: string) {
      if (isGenerated(id)) busyWait(ms)
      return null
    },
  }
}

/** Awaits a `ms` timer in transform for every generated module (concurrent calls overlap). */
export function asyncCostPlugin(ms: number) {
  return {
    name: 'test:async-cost',
    async transform(_code: string, id: string) {
      if (isGenerated(id)) await new Promise((resolve) => setTimeout(resolve, ms))
      return null
    },
  }
}

/** A filtered transform: the bundler calls it for CSS modules only. */
export function filteredPlugin() {
  const seen: string[] = []
  return {
    seen,
    plugin: {
      name: 'test:filtered-css',
      transform: {
        filter: { id: /\.css$/ },
        handler(_code: string, id: string) {
          seen.push(id)
          return null
        },
      },
    },
  }
}
