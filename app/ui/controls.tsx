// Form controls with their labels, so every input has an accessible name.

import { useId, type ReactNode } from 'react'
import { Plus, X } from 'lucide-react'
import type { FieldRow, RowType } from '../design/field-rows.ts'
import { useT } from '../i18n/index.ts'

export function TextField(props: {
  label: string
  value: string
  onChange(value: string): void
  placeholder?: string
  hint?: ReactNode
  testId?: string
  list?: string
  mono?: boolean
  inputMode?: 'numeric' | 'text'
  disabled?: boolean
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
        list={props.list}
        inputMode={props.inputMode}
        disabled={props.disabled}
        className={props.mono ? 'mono' : undefined}
        spellCheck={false}
        autoComplete="off"
      />
      {props.hint && <p className="field-hint">{props.hint}</p>}
    </div>
  )
}

export function SelectField<T extends string>(props: {
  label: string
  value: T
  options: readonly (readonly [T, string])[]
  onChange(value: T): void
  testId?: string
  hint?: ReactNode
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
        data-testid={props.testId}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {props.hint && <p className="field-hint">{props.hint}</p>}
    </div>
  )
}

export function Check(props: {
  label: string
  checked: boolean
  onChange(checked: boolean): void
  title?: string
  testId?: string
}) {
  return (
    <label className="check" title={props.title}>
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        data-testid={props.testId}
      />
      <span>{props.label}</span>
    </label>
  )
}

// AMQP's type names, the same in every language.
const ROW_TYPES: readonly RowType[] = ['string', 'number', 'boolean', 'table', 'array', 'void']
/** Every AMQP 0-9-1 field type, for headers: the client does not guess a width or a kind. */
const ALL_ROW_TYPES: readonly RowType[] = [
  'string',
  'number',
  'int8',
  'int16',
  'int32',
  'int64',
  'float',
  'double',
  'decimal',
  'boolean',
  'timestamp',
  'bytes',
  'void',
  'table',
  'array',
]
const HINTED = new Set<RowType>(['decimal', 'timestamp', 'bytes'])

/** The value a row takes when its type changes: a valid start for booleans, tables and arrays. */
function newValueFor(type: RowType, value: string): string {
  if (type === 'boolean') return 'true'
  if (type === 'table') return value.trim().startsWith('{') ? value : '{}'
  if (type === 'array') return value.trim().startsWith('[') ? value : '[]'
  if (type === 'void') return ''
  return value
}

/** Editable key / type / value rows (headers, arguments). */
export function RowsEditor(props: {
  label: string
  rows: FieldRow[]
  onChange(rows: FieldRow[]): void
  testId: string
  addLabel?: string
  /** Offer every AMQP field type (headers), not only the JSON ones (arguments). */
  allTypes?: boolean
}) {
  const { rows, onChange } = props
  const types = props.allTypes ? ALL_ROW_TYPES : ROW_TYPES
  const t = useT()
  const update = (i: number, patch: Partial<FieldRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <fieldset className="rows" data-testid={props.testId}>
      <legend>{props.label}</legend>
      {rows.map((row, i) => (
        <div className="row" key={i}>
          <input
            aria-label={t('rows.nameLabel', { label: props.label, n: i + 1 })}
            placeholder={t('rows.name')}
            value={row.key}
            onChange={(e) => update(i, { key: e.target.value })}
            className="mono"
            spellCheck={false}
          />
          <select
            aria-label={t('rows.typeLabel', { label: props.label, n: i + 1 })}
            value={row.type}
            onChange={(e) =>
              update(i, { type: e.target.value as RowType, value: newValueFor(e.target.value as RowType, row.value) })
            }
          >
            {(types.includes(row.type) ? types : [...types, row.type]).map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
          {row.type === 'boolean' ? (
            <select
              aria-label={t('rows.valueLabel', { label: props.label, n: i + 1 })}
              value={row.value}
              onChange={(e) => update(i, { value: e.target.value })}
            >
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : (
            <input
              aria-label={t('rows.valueLabel', { label: props.label, n: i + 1 })}
              placeholder={HINTED.has(row.type) ? t(`rows.hint.${row.type}`) : t('rows.value')}
              value={row.value}
              onChange={(e) => update(i, { value: e.target.value })}
              className="mono"
              spellCheck={false}
              disabled={row.type === 'void'}
            />
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={t('rows.remove', { label: props.label, n: i + 1 })}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <X size={14} aria-hidden />
          </button>
        </div>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => onChange([...rows, { key: '', type: 'string', value: '' }])}
        aria-label={props.addLabel ?? t('rows.add', { label: props.label })}
      >
        <Plus size={14} aria-hidden /> {props.addLabel ?? t('palette.heading')}
      </button>
    </fieldset>
  )
}

export function ErrorText({ text, testId = 'inspector-error' }: { text: string | null; testId?: string }) {
  if (!text) return null
  return (
    <p className="error-text" role="alert" data-testid={testId}>
      {text}
    </p>
  )
}
