import { build } from 'vite'
await build({ root: process.argv[2], logLevel: 'silent', configFile: false, build: { outDir: '/tmp/probe-dist', emptyOutDir: true }, plugins: [{ name: 'probe', generateBundle: { order: 'post', handler(_o, bundle) {
  setImmediate(() => {
  let t = performance.now(); let n = 0
  for (const item of Object.values(bundle)) if (item.type === 'chunk') { const mods = item.modules; for (const id in mods) { n += mods[id].renderedLength > 0 ? 1 : 0 } }
  console.log('topModules read', n, (performance.now() - t).toFixed(1), 'ms')
  t = performance.now()
  for (const item of Object.values(bundle)) if (item.type === 'chunk') { const mods = item.modules; for (const id in mods) { n += mods[id].renderedLength > 0 ? 1 : 0 } }
  console.log('again', (performance.now() - t).toFixed(1), 'ms')
  })
}}}] })
