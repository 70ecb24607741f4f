// Headers: bindings match message headers key by key; x-match picks all or any, with or without x- keys.

import { fieldEquals, isTable } from '../field-values.ts'
import { preconditionFailed } from '../errors.ts'
import type { FieldTable, FieldValue } from '../model.ts'
import type { Binding, BindingTest, HeaderCheck, RouteCollector, Router } from './router.ts'

export type XMatch = 'all' | 'any' | 'all-with-x' | 'any-with-x'
const X_MATCH_VALUES: readonly string[] = ['all', 'any', 'all-with-x', 'any-with-x']

interface CompiledBinding {
  mark: number
  binding: Binding
  mode: XMatch
  keys: string[]
  values: FieldValue[]
}

/** rabbit_exchange_type_headers:validate_binding: a bad x-match is refused with 406. */
export function validateHeadersBinding(args: FieldTable): void {
  const xMatch = args['x-match']
  if (xMatch === undefined) return
  if (typeof xMatch !== 'string') {
    throw preconditionFailed(`Invalid x-match field type (value ${JSON.stringify(xMatch)}); expected longstr`)
  }
  if (!X_MATCH_VALUES.includes(xMatch)) {
    throw preconditionFailed(
      `Invalid x-match field value <<"${xMatch}">>; expected all, any, all-with-x, or any-with-x`,
    )
  }
}

function compile(binding: Binding): CompiledBinding {
  const raw = binding.arguments['x-match']
  const mode: XMatch = typeof raw === 'string' && X_MATCH_VALUES.includes(raw) ? (raw as XMatch) : 'all'
  const withX = mode === 'all-with-x' || mode === 'any-with-x'
  const keys: string[] = []
  const values: FieldValue[] = []
  for (const key of Object.keys(binding.arguments)) {
    if (key === 'x-match' || (!withX && key.startsWith('x-'))) continue
    keys.push(key)
    values.push(binding.arguments[key])
  }
  return { mark: 0, binding, mode, keys, values }
}

/** True when the binding matches: a null (void) binding value asks only that the header be present. */
function matches(c: CompiledBinding, headers: FieldTable | undefined): boolean {
  const all = c.mode === 'all' || c.mode === 'all-with-x'
  let anyMatched = false
  for (let i = 0; i < c.keys.length; i++) {
    const key = c.keys[i]
    const present = headers !== undefined && Object.prototype.hasOwnProperty.call(headers, key)
    const ok = present && (c.values[i] === null || fieldEquals(c.values[i], (headers as FieldTable)[key]))
    if (ok) {
      if (!all) return true
      anyMatched = true
    } else if (all) {
      return false
    }
  }
  return all ? true : anyMatched
}

const indexable = (v: FieldValue) => v !== null && typeof v !== 'object'

export class HeadersRouter implements Router {
  private readonly compiled: CompiledBinding[] = []
  private index = new Map<string, Map<FieldValue, CompiledBinding[]>>()
  private scan: CompiledBinding[] = []
  private epoch = 0

  add(binding: Binding): void {
    this.compiled.push(compile(binding))
    this.rebuild()
  }

  remove(binding: Binding): void {
    const index = this.compiled.findIndex((c) => c.binding === binding)
    if (index >= 0) this.compiled.splice(index, 1)
    this.rebuild()
  }

  private rebuild(): void {
    this.index = new Map()
    this.scan = []
    const put = (key: string, value: FieldValue, c: CompiledBinding) => {
      let byValue = this.index.get(key)
      if (!byValue) this.index.set(key, (byValue = new Map()))
      const list = byValue.get(value)
      if (list) list.push(c)
      else byValue.set(value, [c])
    }
    for (const c of this.compiled) {
      const all = c.mode === 'all' || c.mode === 'all-with-x'
      if (all) {
        const i = c.values.findIndex(indexable)
        if (i >= 0) put(c.keys[i], c.values[i], c)
        else this.scan.push(c)
      } else if (c.keys.length > 0 && c.values.every(indexable)) {
        for (let i = 0; i < c.keys.length; i++) put(c.keys[i], c.values[i], c)
      } else {
        this.scan.push(c)
      }
    }
  }

  route(_key: string, _extra: readonly string[] | null, headers: FieldTable | undefined, out: RouteCollector): number {
    const epoch = ++this.epoch
    let matched = 0
    if (headers !== undefined) {
      for (const key in headers) {
        const byValue = this.index.get(key)
        if (byValue === undefined) continue
        const value = headers[key]
        if (!indexable(value)) continue
        const list = byValue.get(value)
        if (list === undefined) continue
        for (let i = 0; i < list.length; i++) {
          const c = list[i]
          if (c.mark === epoch) continue
          c.mark = epoch
          if (matches(c, headers)) {
            out.add(c.binding.target)
            matched++
          }
        }
      }
    }
    const list = this.scan
    for (let i = 0; i < list.length; i++) {
      if (matches(list[i], headers)) {
        out.add(list[i].binding.target)
        matched++
      }
    }
    return matched
  }

  explain(_keys: readonly string[], headers: FieldTable | undefined): BindingTest[] {
    return this.compiled.map((c) => {
      const checks = c.keys.map((key, i): HeaderCheck => {
        const has = headers !== undefined && Object.prototype.hasOwnProperty.call(headers, key)
        if (!has) return { key, state: 'missing' }
        if (c.values[i] === null) return { key, state: 'present' }
        const same = fieldEquals(c.values[i], (headers as FieldTable)[key])
        return { key, state: 'compared', actual: show(headers![key]), expected: show(c.values[i]), same }
      })
      const parts = checks.map((check) =>
        check.state === 'compared'
          ? `${check.key}: ${check.actual} ${check.same ? '=' : '≠'} ${check.expected}`
          : `${check.key}: ${check.state}`,
      )
      const matched = matches(c, headers)
      const detail = parts.length ? parts.join(', ') : 'no keys to compare'
      return {
        binding: c.binding,
        matched,
        reason: `x-match ${c.mode}: ${detail}`,
        why: { code: 'headers' as const, mode: c.mode, checks },
      }
    })
  }
}

function show(v: FieldValue): string {
  if (typeof v === 'string') return `"${v}"`
  if (isTable(v) || Array.isArray(v)) return JSON.stringify(v)
  return String(v)
}
