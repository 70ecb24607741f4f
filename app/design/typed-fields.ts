// The AMQP 0-9-1 field types a number or a date cannot carry in plain JSON, written as amqplib writes them:
// {"!": "int16", "value": 7}, {"!": "decimal", "value": {"places": 2, "digits": 1250}}, {"!": "timestamp", ...}.
// Byte arrays travel as Uint8Array, which the engine already compares as binary.

import type { FieldValue } from '../../engine/model.ts'

/** The explicitly typed field types: signed integers of each width, floats, decimal, timestamp. */
export type TypedFieldType = 'int8' | 'int16' | 'int32' | 'int64' | 'float' | 'double' | 'decimal' | 'timestamp'

export const TYPED_FIELD_TYPES: readonly TypedFieldType[] = [
  'int8',
  'int16',
  'int32',
  'int64',
  'float',
  'double',
  'decimal',
  'timestamp',
]

const INT_RANGE: Record<'int8' | 'int16' | 'int32' | 'int64', readonly [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  // A JS number holds integers exactly up to 2^53; past it an int64 would silently lose digits.
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
}
const FLOAT_MAX = 3.4028234663852886e38

/** Why a text is not a value of the type, as a key of rows.typed.*, or the value. */
export type TypedParse = { value: FieldValue | Uint8Array } | { problem: 'range' | 'format' }

export function parseTyped(type: TypedFieldType | 'bytes', text: string): TypedParse {
  const s = text.trim()
  switch (type) {
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64': {
      if (!/^[-+]?\d+$/.test(s)) return { problem: 'format' }
      const n = Number(s)
      const [min, max] = INT_RANGE[type]
      if (n < min || n > max) return { problem: 'range' }
      return { value: { '!': type, value: n } }
    }
    case 'float':
    case 'double': {
      const n = Number(s)
      if (s === '' || !Number.isFinite(n)) return { problem: 'format' }
      if (type === 'float' && Math.abs(n) > FLOAT_MAX) return { problem: 'range' }
      return { value: { '!': type, value: type === 'float' ? Math.fround(n) : n } }
    }
    case 'decimal': {
      // AMQP's decimal: a scale (octet) and a signed 32-bit integer of digits, 12.50 = {places: 2, digits: 1250}.
      const m = /^([-+]?)(\d+)(?:\.(\d+))?$/.exec(s)
      if (!m) return { problem: 'format' }
      const places = m[3]?.length ?? 0
      const digits = Number(`${m[1]}${m[2]}${m[3] ?? ''}`)
      if (places > 255 || digits < INT_RANGE.int32[0] || digits > INT_RANGE.int32[1]) return { problem: 'range' }
      return { value: { '!': 'decimal', value: { places, digits } } }
    }
    case 'timestamp': {
      // Seconds since the epoch, as AMQP carries it; an ISO date is read as the user means it.
      const seconds = /^\d+$/.test(s) ? Number(s) : Math.floor(Date.parse(s) / 1000)
      if (s === '' || !Number.isSafeInteger(seconds)) return { problem: 'format' }
      return { value: { '!': 'timestamp', value: seconds } }
    }
    case 'bytes': {
      const hex = s.replace(/^0x/i, '').replace(/[\s:]/g, '')
      if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return { problem: 'format' }
      const bytes = new Uint8Array(hex.length / 2)
      for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16)
      return { value: bytes }
    }
  }
}

/** The type and editable text of a typed value, or undefined when the value is not one. */
export function typedOf(value: unknown): { type: TypedFieldType | 'bytes'; text: string } | undefined {
  if (value instanceof Uint8Array) return { type: 'bytes', text: hexOf(value) }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const tag = (value as Record<string, unknown>)['!']
  const inner = (value as Record<string, unknown>).value
  if (!TYPED_FIELD_TYPES.includes(tag as TypedFieldType)) return undefined
  const type = tag as TypedFieldType
  if (type === 'decimal') {
    const d = inner as { places?: unknown; digits?: unknown }
    if (typeof d?.places !== 'number' || typeof d.digits !== 'number') return undefined
    return { type, text: decimalText(d.places, d.digits) }
  }
  if (typeof inner !== 'number') return undefined
  return { type, text: String(inner) }
}

function decimalText(places: number, digits: number): string {
  if (places === 0) return String(digits)
  const sign = digits < 0 ? '-' : ''
  const abs = String(Math.abs(digits)).padStart(places + 1, '0')
  return `${sign}${abs.slice(0, -places)}.${abs.slice(-places)}`
}

const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')

/** A header's AMQP type and how it reads, for the message view: "int16 7", "timestamp 2026-12-03T17:00:00Z". */
export function describeField(value: FieldValue | Uint8Array | undefined): { type: string; text: string } {
  const typed = typedOf(value)
  if (typed?.type === 'timestamp') {
    const seconds = Number(typed.text)
    const date = new Date(seconds * 1000)
    return { type: 'timestamp', text: Number.isNaN(date.getTime()) ? typed.text : date.toISOString() }
  }
  if (typed) return typed
  if (value === null || value === undefined) return { type: 'void', text: '' }
  if (typeof value === 'string') return { type: 'longstr', text: value }
  if (typeof value === 'boolean') return { type: 'boolean', text: String(value) }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'double', text: String(value) }
  if (Array.isArray(value)) return { type: 'array', text: JSON.stringify(value, jsonReplacer, 2) }
  return { type: 'table', text: JSON.stringify(value, jsonReplacer, 2) }
}

/** Nested byte arrays read as hex in a table or array's JSON. */
function jsonReplacer(_key: string, v: unknown): unknown {
  return v instanceof Uint8Array ? `0x${hexOf(v).replace(/ /g, '')}` : v
}
