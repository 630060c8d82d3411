import { verifyDeployment } from '@shipwatch/deploy-verify'
import { describe, expect, it, vi } from 'vitest'
import { onlyChecks } from './only-checks.js'
import { startServer } from './server.js'

// html-validate is an optional peer: here it is not installed, as in a project that never added it.
vi.mock('html-validate', () => {
  throw new Error("Cannot find package 'html-validate'")
})

const INSTALL = 'HTML validation needs html-validate: npm install --save-dev html-validate'

describe('served HTML without html-validate', () => {
  it('skips on by default, fails when asked for; both say how to install it', async () => {
    const site = await startServer({
      '/': (_q, s) =>
        s.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>x</title>'),
    })
    try {
      const check = async (html: true | undefined) => {
        const base = {
          url: site.url,
          retries: 0,
          ...onlyChecks('html'),
          supabase: false,
          migrations: false,
        } as const
        const record = await verifyDeployment(html === undefined ? base : { ...base, html }, { env: {} })
        return record.checks.find((c) => c.id === 'html')!
      }
      expect(await check(undefined)).toMatchObject({ status: 'skip', message: INSTALL })
      expect(await check(true)).toMatchObject({ status: 'fail', message: INSTALL })
    } finally {
      await site.close()
    }
  })
})
