import type { OutputKind } from '../schema/build-record.js'

const KINDS: [RegExp, OutputKind][] = [
  [/\.map$/i, 'map'],
  [/\.(m|c)?js$/i, 'js'],
  [/\.css$/i, 'css'],
  [/\.html?$/i, 'html'],
  [/\.(png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?)$/i, 'image'],
  [/\.(woff2?|ttf|otf|eot)$/i, 'font'],
]

/** What kind of output a file name is: js, css, html, image, font, map or other. */
export function outputKind(fileName: string): OutputKind {
  const clean = fileName.replace(/[?#].*$/, '')
  for (const [pattern, kind] of KINDS) if (pattern.test(clean)) return kind
  return 'other'
}
