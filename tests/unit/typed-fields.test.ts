// Every AMQP field type in the header editor: each width's range, decimals, timestamps and byte arrays,
// written as amqplib writes them and read back into the same rows.

import { describe, expect, it } from 'vitest'
import { rowsFromTable, tableFromRows, type FieldRow } from '../../app/design/field-rows.ts'
import { describeField, parseTyped } from '../../app/design/typed-fields.ts'

const row = (type: FieldRow['type'], value: string): FieldRow => ({ key: 'h', type, value })

describe('typed fields', () => {
  it('holds each signed integer width to its range, as AMQP tables do', () => {
    expect(parseTyped('int8', '-128')).toEqual({ value: { '!': 'int8', value: -128 } })
    expect(parseTyped('int8', '128')).toEqual({ problem: 'range' })
    expect(parseTyped('int16', '32767')).toEqual({ value: { '!': 'int16', value: 32767 } })
    expect(parseTyped('int16', '-32769')).toEqual({ problem: 'range' })
    expect(parseTyped('int32', '2147483648')).toEqual({ problem: 'range' })
    expect(parseTyped('int64', '9007199254740991')).toEqual({ value: { '!': 'int64', value: 9007199254740991 } })
    expect(parseTyped('int64', '9007199254740993')).toEqual({ problem: 'range' })
    expect(parseTyped('int32', '1.5')).toEqual({ problem: 'format' })
  })

  it('reads floats, doubles, decimals, timestamps and byte arrays', () => {
    expect(parseTyped('float', '0.1')).toEqual({ value: { '!': 'float', value: Math.fround(0.1) } })
    expect(parseTyped('float', '1e39')).toEqual({ problem: 'range' })
    expect(parseTyped('double', '1e39')).toEqual({ value: { '!': 'double', value: 1e39 } })
    expect(parseTyped('decimal', '-12.50')).toEqual({ value: { '!': 'decimal', value: { places: 2, digits: -1250 } } })
    expect(parseTyped('decimal', '12,5')).toEqual({ problem: 'format' })
    expect(parseTyped('timestamp', '2026-12-03T17:00:00Z')).toEqual({ value: { '!': 'timestamp', value: 1796317200 } })
    expect(parseTyped('timestamp', '1796317200')).toEqual({ value: { '!': 'timestamp', value: 1796317200 } })
    expect(parseTyped('bytes', 'de ad BE ef')).toEqual({ value: new Uint8Array([0xde, 0xad, 0xbe, 0xef]) })
    expect(parseTyped('bytes', 'abc')).toEqual({ problem: 'format' })
  })

  it('round-trips every type through the editor rows', () => {
    const rows: FieldRow[] = [
      { key: 'i8', type: 'int8', value: '-7' },
      { key: 'i16', type: 'int16', value: '300' },
      { key: 'i32', type: 'int32', value: '70000' },
      { key: 'i64', type: 'int64', value: '5000000000' },
      { key: 'f', type: 'float', value: '0.5' },
      { key: 'd', type: 'double', value: '2.25' },
      { key: 'dec', type: 'decimal', value: '0.05' },
      { key: 'ts', type: 'timestamp', value: '1796317200' },
      { key: 'bin', type: 'bytes', value: '00 ff' },
      { key: 'ok', type: 'boolean', value: 'true' },
      { key: 'none', type: 'void', value: '' },
      { key: 'geo', type: 'table', value: '{"region":"eu"}' },
      { key: 'ids', type: 'array', value: '[1,"two"]' },
      { key: 's', type: 'string', value: 'text' },
    ]
    const made = tableFromRows(rows)
    if (!('table' in made)) throw new Error(made.error)
    expect(made.table.dec).toEqual({ '!': 'decimal', value: { places: 2, digits: 5 } })
    expect(rowsFromTable(made.table)).toEqual(rows)
  })

  it('names the header and the type it does not fit', () => {
    expect(tableFromRows([row('int8', '300')])).toEqual({ error: "The header 'h' is out of range for int8: '300'." })
    expect(tableFromRows([row('decimal', 'x')])).toEqual({ error: "The header 'h' is not a valid decimal: 'x'." })
  })

  it('describes each header with its type for the message view', () => {
    expect(describeField({ '!': 'int16', value: 7 })).toEqual({ type: 'int16', text: '7' })
    expect(describeField({ '!': 'timestamp', value: 1796317200 })).toEqual({
      type: 'timestamp',
      text: '2026-12-03T17:00:00.000Z',
    })
    expect(describeField({ '!': 'decimal', value: { places: 3, digits: -1250 } })).toEqual({
      type: 'decimal',
      text: '-1.250',
    })
    expect(describeField(new Uint8Array([1, 171]))).toEqual({ type: 'bytes', text: '01 ab' })
    expect(describeField('x')).toEqual({ type: 'longstr', text: 'x' })
    expect(describeField(null)).toEqual({ type: 'void', text: '' })
  })
})
