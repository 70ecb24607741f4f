// Normalisation of step results before comparison (FORMAT.md, "Normalisation"): key order is ignored,
// null properties and empty headers are dropped, x-death entries keep only the compared fields.

import type { Step } from './scenario.ts'

const X_DEATH_KEYS = ['count', 'reason', 'queue', 'exchange', 'routing-keys', 'original-expiration']

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function normProperties(p: unknown): Record<string, Json> {
  const out: Record<string, Json> = {}
  if (!p || typeof p !== 'object') return out
  for (const [key, value] of Object.entries(p as Record<string, Json>)) {
    if (value === undefined || value === null) continue
    if (key === 'headers') {
      if (typeof value !== 'object' || Object.keys(value).length === 0) continue
      const headers: Record<string, Json> = {}
      for (const [hk, hv] of Object.entries(value as Record<string, Json>)) {
        if (hv === undefined) continue
        // A wall-clock time: only that it is a number is compared (as the recorder does).
        if (hk === 'x-shovelled-timestamp' && typeof hv === 'number') headers[hk] = '(a number)'
        else headers[hk] = hk === 'x-death' && Array.isArray(hv) ? hv.map(normDeath) : hv
      }
      out.headers = headers
      continue
    }
    out[key] = value
  }
  return out
}

function normDeath(entry: Json): Json {
  const out: Record<string, Json> = {}
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    for (const key of X_DEATH_KEYS) if (entry[key] !== undefined && entry[key] !== null) out[key] = entry[key]
  }
  return out
}

function normMessage(m: unknown): Json {
  if (m === null || m === undefined) return null
  if (typeof m !== 'object') return m as Json
  const msg = m as Record<string, Json>
  if (msg.cancelled) return { cancelled: true }
  const out: Record<string, Json> = {
    body: msg.body,
    exchange: msg.exchange,
    routingKey: msg.routingKey,
    redelivered: !!msg.redelivered,
  }
  if (msg.messageCount !== undefined && msg.messageCount !== null) out.messageCount = msg.messageCount
  out.properties = normProperties(msg.properties)
  return out
}

function normPublish(r: unknown): Json {
  if (!r || typeof r !== 'object') return r as Json
  const result = r as Record<string, any>
  if (result.error) return { error: { code: result.error.code, text: result.error.text } }
  return {
    confirm: result.confirm,
    returned: result.returned ? { replyCode: result.returned.replyCode, replyText: result.returned.replyText } : null,
  }
}

export function normResult(step: Step, r: unknown): Json {
  if (r === undefined) r = null
  if (r && typeof r === 'object' && !Array.isArray(r) && (r as any).error) {
    const e = (r as any).error
    return { error: { code: e.code, text: e.text } }
  }
  switch (step.op) {
    case 'basic.get':
      return normMessage(r)
    case 'deliveries':
      return Array.isArray(r) ? r.map(normMessage) : (r as Json)
    case 'basic.publish':
      return Array.isArray(r) ? r.map(normPublish) : normPublish(r)
    case 'queue.info':
      return normQueueInfo(step, r)
    default:
      return r as Json
  }
}

export const ONE_OF_ONLINE = 'one of the online members'

/** As the recorder: `anyLeader` judges only that the leader is an online member; `fields` picks what is judged. */
function normQueueInfo(step: Step, r: unknown): Json {
  if (!r || typeof r !== 'object') return r as Json
  let out = r as Record<string, Json>
  if (step.anyLeader && Array.isArray(out.online) && out.online.includes(out.leader))
    out = { ...out, leader: ONE_OF_ONLINE }
  const fields = step.fields
  if (fields) out = Object.fromEntries(fields.filter((f) => f in out).map((f) => [f, out[f]]))
  return out
}

/** JSON with object keys sorted at every level. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(v).sort()) out[key] = sortKeys((v as Record<string, unknown>)[key])
    return out
  }
  return v
}

/** The first step whose result differs from the recording, described; null when all agree. */
export function firstDifference(steps: Step[], results: unknown[]): string | null {
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]
    if (!('expect' in step)) return `step ${k} (${step.op}) has no recorded expect`
    const expected = canonical(normResult(step, step.expect))
    const actual = k < results.length ? canonical(normResult(step, results[k])) : '<missing>'
    if (expected !== actual)
      return `step ${k} (${step.op}${step.as ? ` as ${step.as}` : ''}): expected ${expected} got ${actual}`
  }
  return null
}
