// Header and argument rows: every field type the engine carries survives a round trip through the editor.

import { describe, expect, it } from 'vitest'
import { rowsFromTable, tableFromRows } from '../../app/design/field-rows.ts'

describe('field rows', () => {
  it('keeps tables, arrays and void as themselves, not as strings', () => {
    const table = { s: 'x', n: 1.5, b: false, t: { region: 'eu', n: 2 }, a: [1, 'two', { three: 3 }], v: null }
    const rows = rowsFromTable(table)
    expect(rows.map((r) => r.type)).toEqual(['string', 'number', 'boolean', 'table', 'array', 'void'])
    expect(tableFromRows(rows)).toEqual({ table })
  })

  it('refuses a table or array that is not one, naming the key', () => {
    expect(tableFromRows([{ key: 'geo', type: 'table', value: '[1]' }])).toEqual({
      error: "The header 'geo' is not a JSON object.",
    })
    expect(tableFromRows([{ key: 'ids', type: 'array', value: '{' }], 'argument')).toEqual({
      error: "The argument 'ids' is not a JSON array.",
    })
  })
})
