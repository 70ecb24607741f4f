// Literal encoders for generated client code: every name and argument from a definitions file reaches a script
// only through these, so no input can end a string literal, start a comment or hide a line break.

import type { FieldValue } from '../model.ts'

// Characters that are invisible or break lines in an editor (controls, format and bidi characters, line and
// paragraph separators, lone surrogates, private use, unassigned): written as escapes, never raw.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).padStart(width, '0')
}

/** A JavaScript literal for a JSON value: JSON's encoding, plus escapes for U+2028/U+2029 and invisibles. */
export function jsLiteral(value: FieldValue): string {
  if (typeof value === 'string') return jsString(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null'
  if (value === null || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(', ')}]`
  const entries = Object.entries(value).map(([key, item]) =>
    // A literal "__proto__" key sets the prototype instead of defining a property; the computed form defines it.
    key === '__proto__' ? `[${jsString(key)}]: ${jsLiteral(item)}` : `${jsString(key)}: ${jsLiteral(item)}`,
  )
  return `{${entries.join(', ')}}`
}

function jsString(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0) as number
    if (char === '"') out += '\\"'
    else if (char === '\\') out += '\\\\'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (INVISIBLE.test(char)) out += code > 0xffff ? `\\u{${hex(code, 1)}}` : `\\u${hex(code, 4)}`
    else out += char
  }
  return `${out}"`
}

/** A Python literal for a JSON value, escaped as `repr` would escape it (and invisibles escaped too). */
export function pyLiteral(value: FieldValue): string {
  if (typeof value === 'string') return pyString(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None'
  if (value === null) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`
  return `{${Object.entries(value)
    .map(([key, item]) => `${pyString(key)}: ${pyLiteral(item)}`)
    .join(', ')}}`
}

function pyString(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0) as number
    if (char === '"') out += '\\"'
    else if (char === '\\') out += '\\\\'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (INVISIBLE.test(char))
      out += code < 0x100 ? `\\x${hex(code, 2)}` : code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`
    else out += char
  }
  return `${out}"`
}
