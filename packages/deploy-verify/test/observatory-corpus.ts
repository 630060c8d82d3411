// Header sets for the differential test against @mdn/mdn-http-observatory — our own data: each case is a response
// a deployment might send. Served over http from 127.0.0.1.
export interface HeaderCase {
  name: string
  headers: Record<string, string | string[]>
  body?: string
  contentType?: string
}

const PAGE = '<!doctype html><html lang="en"><head><title>x</title></head><body>hi</body></html>'
const GOOD = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'",
}

const CASES: Omit<HeaderCase, 'body'>[] & { body?: string }[] = [
  { name: 'no headers at all', headers: {} },
  { name: 'a well configured site', headers: GOOD },
  {
    name: 'good site with CORP same-origin',
    headers: { ...GOOD, 'cross-origin-resource-policy': 'same-origin' },
  },
  { name: 'CSP default-src none alone', headers: { 'content-security-policy': "default-src 'none'" } },
  { name: 'CSP self', headers: { 'content-security-policy': "default-src 'self'" } },
  {
    name: 'CSP unsafe-inline in script-src',
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'" },
  },
  {
    name: 'CSP unsafe-eval',
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-eval'" },
  },
  {
    name: 'CSP nonce cancels unsafe-inline',
    headers: { 'content-security-policy': "default-src 'self'; script-src 'nonce-abc123' 'unsafe-inline'" },
  },
  {
    name: 'CSP strict-dynamic without nonce',
    headers: { 'content-security-policy': "default-src 'self'; script-src 'strict-dynamic'" },
  },
  {
    name: 'CSP strict-dynamic with nonce',
    headers: {
      'content-security-policy':
        "default-src 'self'; script-src 'strict-dynamic' 'nonce-abc123' https: 'unsafe-inline'",
    },
  },
  {
    name: 'CSP unsafe-inline in style-src only',
    headers: { 'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'" },
  },
  {
    name: 'CSP broad object-src',
    headers: { 'content-security-policy': "default-src 'self'; object-src *" },
  },
  {
    name: 'CSP data: in script-src',
    headers: { 'content-security-policy': "default-src 'self'; script-src 'self' data:" },
  },
  {
    name: 'CSP with https: scheme source',
    headers: { 'content-security-policy': "default-src 'self'; script-src https:" },
  },
  {
    name: 'CSP duplicate directive',
    headers: { 'content-security-policy': "default-src 'self'; default-src 'none'" },
  },
  { name: 'CSP report-only only', headers: { 'content-security-policy-report-only': "default-src 'self'" } },
  {
    name: 'CSP with frame-ancestors',
    headers: { 'content-security-policy': "default-src 'self'; frame-ancestors 'none'" },
  },
  {
    name: 'CSP frame-ancestors and XFO',
    headers: {
      'content-security-policy': "default-src 'self'; frame-ancestors 'self'",
      'x-frame-options': 'SAMEORIGIN',
    },
  },
  {
    name: 'CSP insecure img-src over http',
    headers: { 'content-security-policy': "default-src 'self'; img-src http:" },
  },
  { name: 'XFO deny', headers: { 'x-frame-options': 'DENY' } },
  { name: 'XFO sameorigin lowercase', headers: { 'x-frame-options': 'sameorigin' } },
  { name: 'XFO allow-from', headers: { 'x-frame-options': 'ALLOW-FROM https://example.com' } },
  { name: 'XFO garbage', headers: { 'x-frame-options': 'maybe' } },
  { name: 'XCTO nosniff', headers: { 'x-content-type-options': 'nosniff' } },
  { name: 'XCTO invalid', headers: { 'x-content-type-options': 'sniff-away' } },
  { name: 'Referrer-Policy no-referrer', headers: { 'referrer-policy': 'no-referrer' } },
  { name: 'Referrer-Policy unsafe-url', headers: { 'referrer-policy': 'unsafe-url' } },
  { name: 'Referrer-Policy invalid', headers: { 'referrer-policy': 'whatever' } },
  { name: 'Referrer-Policy fallback list', headers: { 'referrer-policy': 'unsafe-url, strict-origin' } },
  { name: 'Referrer-Policy unknown last', headers: { 'referrer-policy': 'no-referrer, made-up' } },
  { name: 'CORP same-site', headers: { 'cross-origin-resource-policy': 'same-site' } },
  { name: 'CORP cross-origin', headers: { 'cross-origin-resource-policy': 'cross-origin' } },
  { name: 'CORP invalid', headers: { 'cross-origin-resource-policy': 'everyone' } },
  { name: 'CORS public', headers: { 'access-control-allow-origin': '*' } },
  { name: 'CORS restricted', headers: { 'access-control-allow-origin': 'https://example.com' } },
  { name: 'cookie without flags', headers: { 'set-cookie': 'theme=dark; Path=/' } },
  { name: 'session cookie without flags', headers: { 'set-cookie': 'sessionid=abc; Path=/' } },
  {
    name: 'session cookie httponly, no secure',
    headers: { 'set-cookie': 'sessionid=abc; Path=/; HttpOnly; SameSite=Lax' },
  },
  { name: 'csrf cookie without samesite', headers: { 'set-cookie': 'csrftoken=abc; Path=/' } },
  {
    name: 'cookie with invalid samesite',
    headers: { 'set-cookie': 'theme=dark; Path=/; SameSite=Sometimes' },
  },
  {
    name: 'same-origin script',
    headers: GOOD,
    body: '<!doctype html><html lang="en"><head><title>x</title><script src="/app.js"></script></head><body></body></html>',
  },
  {
    name: 'external http script without integrity',
    headers: {},
    body: '<!doctype html><html lang="en"><head><title>x</title><script src="http://cdn.example.com/lib.js"></script></head><body></body></html>',
  },
  {
    name: 'external https script with integrity',
    headers: {},
    body: '<!doctype html><html lang="en"><head><title>x</title><script src="https://cdn.example.com/lib.js" integrity="sha384-abc" crossorigin="anonymous"></script></head><body></body></html>',
  },
  { name: 'not HTML', headers: { ...GOOD }, contentType: 'application/json', body: '{"ok":true}' },
  {
    name: 'everything wrong',
    headers: {
      'x-frame-options': 'nope',
      'x-content-type-options': 'nope',
      'referrer-policy': 'unsafe-url',
      'content-security-policy': "default-src *; script-src * 'unsafe-inline' 'unsafe-eval'",
      'set-cookie': 'session=1',
    },
  },
]

export const CORPUS: HeaderCase[] = (CASES as HeaderCase[]).map((c) => ({ ...c, body: c.body ?? PAGE }))
