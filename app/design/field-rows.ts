// Key / type / value rows, as the publish panel and the inspector edit headers and arguments.

import type { FieldTable, FieldValue } from '../../engine/model.ts'
import { t } from '../i18n/index.ts'
import { parseTyped, TYPED_FIELD_TYPES, typedOf, type TypedFieldType } from './typed-fields.ts'

/**
 * AMQP field types the engine carries: tables and arrays are written as JSON; void is AMQP's null; "number" lets
 * the client pick the width, the typed ones (int8 ... timestamp, bytes) say it (typed-fields.ts).
 */
export type RowType = 'string' | 'number' | 'boolean' | 'table' | 'array' | 'void' | TypedFieldType | 'bytes'

const isTypedRow = (type: RowType): type is TypedFieldType | 'bytes' =>
  type === 'bytes' || TYPED_FIELD_TYPES.includes(type as TypedFieldType)

export interface FieldRow {
  key: string
  type: RowType
  value: string
}

export function rowsFromTable(table: FieldTable, skip: (key: string) => boolean = () => false): FieldRow[] {
  const rows: FieldRow[] = []
  for (const [key, v] of Object.entries(table)) {
    if (skip(key)) continue
    const typed = typedOf(v)
    if (typed) rows.push({ key, type: typed.type, value: typed.text })
    else if (typeof v === 'number') rows.push({ key, type: 'number', value: String(v) })
    else if (typeof v === 'boolean') rows.push({ key, type: 'boolean', value: String(v) })
    else if (v === null) rows.push({ key, type: 'void', value: '' })
    else if (Array.isArray(v)) rows.push({ key, type: 'array', value: JSON.stringify(v) })
    else if (typeof v === 'object') rows.push({ key, type: 'table', value: JSON.stringify(v) })
    else rows.push({ key, type: 'string', value: v })
  }
  return rows
}

/** Rows to a table; blank rows are skipped, a number that does not parse is an error naming the key. */
export function tableFromRows(
  rows: readonly FieldRow[],
  what: 'header' | 'argument' = 'header',
): { table: FieldTable } | { error: string } {
  const table: FieldTable = {}
  for (const row of rows) {
    const key = row.key.trim()
    if (key === '' && row.value.trim() === '') continue
    if (key === '') return { error: t('rows.needsName', { what }) }
    let value: FieldValue
    if (isTypedRow(row.type)) {
      const parsed = parseTyped(row.type, row.value)
      if ('problem' in parsed)
        return { error: t(`rows.typed.${parsed.problem}`, { what, key, type: row.type, value: row.value }) }
      // A byte array is a Uint8Array, which FieldValue (plain JSON) does not name but every store and message carries.
      value = parsed.value as FieldValue
    } else if (row.type === 'number') {
      const n = Number(row.value)
      if (row.value.trim() === '' || !Number.isFinite(n))
        return { error: t('rows.notANumber', { what, key, value: row.value }) }
      value = n
    } else if (row.type === 'boolean') value = row.value === 'true'
    else if (row.type === 'void') value = null
    else if (row.type === 'table' || row.type === 'array') {
      const parsed = parseJsonField(row.value, row.type)
      if (parsed === undefined) return { error: t('rows.notJson', { what, key, type: row.type }) }
      value = parsed
    } else value = row.value
    table[key] = value
  }
  return { table }
}

/** A table (JSON object) or array (JSON array) written in a row; undefined when it is not one. */
function parseJsonField(text: string, type: 'table' | 'array'): FieldValue | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  const isArray = Array.isArray(parsed)
  if (type === 'array' ? !isArray : isArray || parsed === null || typeof parsed !== 'object') return undefined
  return parsed as FieldValue
}
