import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** The system Chromium (Debian's package, installed by .ci/run), or CHROME_PATH. */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'

// Without these flags Chromium reaches for the (closed) network at start-up.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROME_PATH`)
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS })
}
