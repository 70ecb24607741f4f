// Shared helpers: scenario loading, result normalisation, canonical comparison.
import fs from 'node:fs'
import path from 'node:path'

/** Load every *.json scenario file under the given folders (non-recursive), sorted by path. */
export function loadScenarios(dirs) {
  const out = []
  for (const d of dirs) {
    const st = fs.statSync(d)
    const files = st.isDirectory()
      ? fs
          .readdirSync(d)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => path.join(d, f))
      : [d]
    for (const file of files) {
      const scenario = JSON.parse(fs.readFileSync(file, 'utf8'))
      out.push({ file, scenario })
    }
  }
  return out
}

const X_DEATH_KEYS = ['count', 'reason', 'queue', 'exchange', 'routing-keys', 'original-expiration']

function normHeaderValue(key, v) {
  // A wall-clock time: only that it is a number is compared.
  if (key === 'x-shovelled-timestamp' && typeof v === 'number') return '(a number)'
  if (key === 'x-death' && Array.isArray(v)) {
    return v.map((e) => {
      const o = {}
      for (const k of X_DEATH_KEYS) if (e && e[k] !== undefined && e[k] !== null) o[k] = e[k]
      return o
    })
  }
  return v
}

/** Normalise a message-properties object (FORMAT.md, "Normalisation"). */
export function normProperties(p) {
  const out = {}
  if (!p) return out
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === null) continue
    if (k === 'headers') {
      if (typeof v !== 'object' || Object.keys(v).length === 0) continue
      const h = {}
      for (const [hk, hv] of Object.entries(v)) {
        if (hv === undefined) continue
        h[hk] = normHeaderValue(hk, hv)
      }
      out.headers = h
      continue
    }
    out[k] = v
  }
  return out
}

/** Normalise a message result object (basic.get or a delivery). */
export function normMessage(m) {
  if (m === null || m === undefined) return null
  if (typeof m !== 'object') return m
  if (m.cancelled) return { cancelled: true }
  const o = {
    body: m.body,
    exchange: m.exchange,
    routingKey: m.routingKey,
    redelivered: !!m.redelivered,
  }
  if (m.messageCount !== undefined && m.messageCount !== null) o.messageCount = m.messageCount
  o.properties = normProperties(m.properties)
  return o
}

/** Normalise one step result according to the op of the step. */
export function normResult(step, r) {
  if (r === undefined) r = null
  if (r && typeof r === 'object' && !Array.isArray(r) && r.error) {
    return { error: { code: r.error.code, text: r.error.text } }
  }
  switch (step.op) {
    case 'basic.get':
      return normMessage(r)
    case 'deliveries':
      return Array.isArray(r) ? r.map(normMessage) : r
    case 'basic.publish':
      if (Array.isArray(r)) return r.map(normPublish)
      return normPublish(r)
    case 'queue.info':
      return normQueueInfo(step, r)
    default:
      return r
  }
}

/**
 * Who wins an election is random: with `anyLeader` a leader among the online members compares as such.
 * `fields` keeps only the fields a step judges (a minority leader's stats, `online` among them, go stale).
 */
function normQueueInfo(step, r) {
  if (!r || typeof r !== 'object' || r.error) return r
  let out = r
  if (step.anyLeader && Array.isArray(r.online) && r.online.includes(r.leader)) out = { ...r, leader: ONE_OF_ONLINE }
  if (Array.isArray(step.fields)) out = Object.fromEntries(step.fields.filter((f) => f in out).map((f) => [f, out[f]]))
  return out
}
export const ONE_OF_ONLINE = 'one of the online members'

function normPublish(r) {
  if (!r || typeof r !== 'object') return r
  if (r.error) return { error: { code: r.error.code, text: r.error.text } }
  return {
    confirm: r.confirm,
    returned: r.returned ? { replyCode: r.returned.replyCode, replyText: r.returned.replyText } : null,
  }
}

/** JSON with object keys sorted recursively (so key/header order is ignored). */
export function canonical(v) {
  return JSON.stringify(sortKeys(v))
}
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    const o = {}
    for (const k of Object.keys(v).sort()) o[k] = sortKeys(v[k])
    return o
  }
  return v
}

export function sameResult(step, a, b) {
  return canonical(normResult(step, a)) === canonical(normResult(step, b))
}
