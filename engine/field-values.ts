// AMQP field values carried as JSON. RabbitMQ compares them typed: 1 is not "1", true is not "true".

import type { FieldTable, FieldValue } from './model.ts'

export type FieldTypeClass = 'longstr' | 'int' | 'float' | 'bool' | 'void' | 'array' | 'table' | 'binary'

export function fieldTypeClass(value: FieldValue | Uint8Array | undefined): FieldTypeClass {
  if (value === null || value === undefined) return 'void'
  switch (typeof value) {
    case 'string':
      return 'longstr'
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float'
    case 'boolean':
      return 'bool'
    default:
      if (Array.isArray(value)) return 'array'
      if (value instanceof Uint8Array) return 'binary'
      return 'table'
  }
}

/** Erlang's `==` over decoded values: numbers compare by value, everything else by type and content. */
export function fieldEquals(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (a === b) return true
  if (a === null || b === null || a === undefined || b === undefined) return false
  if (typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!fieldEquals(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const aBytes = a as unknown
  const bBytes = b as unknown
  if (aBytes instanceof Uint8Array || bBytes instanceof Uint8Array) {
    if (!(aBytes instanceof Uint8Array && bBytes instanceof Uint8Array) || aBytes.length !== bBytes.length) return false
    for (let i = 0; i < aBytes.length; i++) if (aBytes[i] !== bBytes[i]) return false
    return true
  }
  const aKeys = Object.keys(a)
  if (aKeys.length !== Object.keys(b).length) return false
  for (const key of aKeys) if (!Object.hasOwn(b, key) || !fieldEquals(a[key], (b as FieldTable)[key])) return false
  return true
}

/** Erlang's ~p rendering, close enough for error texts. */
export function formatFieldValue(value: FieldValue | undefined): string {
  if (typeof value === 'string') return `<<"${value}">>`
  if (value === undefined) return 'undefined'
  return JSON.stringify(value)
}

export function isTable(value: unknown): value is FieldTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
}
