/**
 * html-validate configuration for bundler output: valid HTML5 as Vite writes it passes (lowercase doctype, `<meta />`
 * via the prettier preset), document-level rules are on, and SRI is required only where `crossorigin` is used —
 * `document` alone would demand it on every same-origin asset.
 */
export const BUNDLER_OUTPUT_PRESET = {
  extends: ['html-validate:recommended', 'html-validate:document', 'html-validate:prettier'],
  rules: {
    'require-sri': ['error', { target: 'crossorigin' }],
  },
} as const
