// Several brokers that are not clustered, for record.mjs --brokers (FORMAT.md, "Several brokers").
// Inside a scenario a broker is its name: "amqp://l2" is broker l2, the scenario's vhost. Here those URIs become
// real ones, and every result is mapped back (real URIs, node names and the run's vhost name) so it reads as the
// scenario wrote it. A link a->b is cut by closing b's connections of the user a's parameters connect as, and
// refusing that user the vhost until link.restore (a link user per broker, so one scenario at a time); a paused link is a memory alarm on b (publishers to b block).
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ALL = { configure: '.*', write: '.*', read: '.*' }
const linkUser = (from) => `link-${from}`

export class LinkedBrokers {
  /** spec: "l1=amqp://guest:guest@127.0.0.1:5761,l2=amqp://..." (the first is the scenarios' default broker). */
  constructor(spec) {
    this.brokers = new Map()
    for (const part of spec.split(',')) {
      const [name, url] = part.split('=')
      const u = new URL(url)
      if (!['127.0.0.1', 'localhost'].includes(u.hostname)) throw new Error('refusing non-loopback broker')
      const port = Number(u.port || 5672)
      this.brokers.set(name, { name, url, port, http: `http://127.0.0.1:${10000 + port}/api` })
    }
    this.first = [...this.brokers.keys()][0]
  }
  broker(name) {
    const b = this.brokers.get(name ?? this.first)
    if (!b) throw new Error(`unknown broker ${name}`)
    return b
  }
  async http(brokerName, method, p, body) {
    const b = this.broker(brokerName)
    const res = await fetch(b.http + p, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
  async createLinkUsers() {
    for (const b of this.brokers.keys())
      for (const from of this.brokers.keys())
        if (from !== b) await this.http(b, 'PUT', `/users/${linkUser(from)}`, { password: linkUser(from), tags: '' })
  }
  async createVhosts(vhosts) {
    for (const b of this.brokers.keys()) {
      for (const v of vhosts) {
        await this.http(b, 'PUT', `/vhosts/${encodeURIComponent(v)}`, {})
        await this.http(b, 'PUT', `/permissions/${encodeURIComponent(v)}/guest`, ALL)
        for (const from of this.brokers.keys())
          if (from !== b) await this.http(b, 'PUT', `/permissions/${encodeURIComponent(v)}/${linkUser(from)}`, ALL)
      }
    }
  }
  async deleteVhosts(prefix) {
    for (const b of this.brokers.keys()) {
      const { body } = await this.http(b, 'GET', '/vhosts')
      for (const v of body)
        if (v.name.startsWith(prefix)) await this.http(b, 'DELETE', `/vhosts/${encodeURIComponent(v.name)}`)
    }
  }
  /** A scenario URI "amqp://NAME" as broker `from` reaches it: as guest on itself, as link-FROM elsewhere. */
  realUri(uri, from, vhost) {
    const m = /^amqp:\/\/([A-Za-z0-9-]+)$/.exec(uri)
    if (!m || !this.brokers.has(m[1])) return uri
    const to = this.broker(m[1])
    const user = to.name === from ? 'guest:guest' : `${linkUser(from)}:${linkUser(from)}`
    return `amqp://${user}@127.0.0.1:${to.port}/${encodeURIComponent(vhost)}`
  }
  withRealUris(value, from, vhost) {
    if (typeof value === 'string') return this.realUri(value, from, vhost)
    if (Array.isArray(value)) return value.map((v) => this.withRealUris(v, from, vhost))
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.withRealUris(v, from, vhost)]))
    return value
  }
  /** Real names back to the scenario's: URIs to "amqp://NAME", nodes to "rabbit@NAME", the run's vhost to "/". */
  toScenario(value, vhost) {
    if (typeof value === 'string') {
      let s = value
      for (const b of this.brokers.values()) {
        s = s.replace(
          new RegExp(`amqp://([^@/]*@)?(127\\.0\\.0\\.1|localhost):${b.port}/${encodeURIComponent(vhost)}`, 'g'),
          `amqp://${b.name}`,
        )
        s = s.replace(new RegExp(`rabbit-${b.name}@[A-Za-z0-9.-]+`, 'g'), `rabbit@${b.name}`)
      }
      return s === vhost ? '/' : s.split(vhost).join('/')
    }
    if (Array.isArray(value)) return value.map((v) => this.toScenario(v, vhost))
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.toScenario(v, vhost)]))
    return value
  }
  ctl(name, args) {
    execFileSync('sh', [path.join(HERE, 'links-nodes.sh'), 'ctl', name, ...args], { encoding: 'utf8' })
  }
}

/** The management API's list, each entry cut to the `pick` fields, in a stable order. */
function picked(list, pick) {
  if (!Array.isArray(list)) return list
  const rows = list.map((e) => (pick ? Object.fromEntries(pick.filter((k) => k in e).map((k) => [k, e[k]])) : e))
  return rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
}

export class MultiSession {
  constructor(linked, vhost, makeSession, sleep, settle) {
    this.linked = linked
    this.vhost = vhost
    this.sleep = sleep
    this.settle = settle
    this.sessions = new Map()
    for (const b of linked.brokers.values())
      this.sessions.set(b.name, makeSession(`${b.url}/${encodeURIComponent(vhost)}`))
  }
  async close() {
    for (const s of this.sessions.values()) await s.close()
  }
  async step(step) {
    const v = encodeURIComponent(this.vhost)
    const broker = step.broker ?? this.linked.first
    const status = (r) => (r.status < 300 ? null : { status: r.status })
    switch (step.op) {
      case 'parameter.set':
        return status(
          await this.linked.http(broker, 'PUT', `/parameters/${step.component}/${v}/${encodeURIComponent(step.name)}`, {
            value: this.linked.withRealUris(step.value, broker, this.vhost),
          }),
        )
      case 'parameter.clear':
        return status(
          await this.linked.http(
            broker,
            'DELETE',
            `/parameters/${step.component}/${v}/${encodeURIComponent(step.name)}`,
          ),
        )
      case 'policy.set':
        return status(
          await this.linked.http(broker, 'PUT', `/policies/${v}/${encodeURIComponent(step.name)}`, {
            pattern: step.pattern,
            'apply-to': step.applyTo ?? 'all',
            definition: step.definition,
            priority: step.priority ?? 0,
          }),
        )
      case 'management.get': {
        await this.sleep(this.settle)
        const r = await this.linked.http(broker, 'GET', `/${step.path.replace('{vhost}', v)}`)
        return r.status < 300 ? picked(r.body, step.pick) : { status: r.status }
      }
      case 'link.cut':
        await this.cutOrRestore(step.a, step.b, false)
        await this.cutOrRestore(step.b, step.a, false)
        return null
      case 'link.restore':
        await this.cutOrRestore(step.a, step.b, true)
        await this.cutOrRestore(step.b, step.a, true)
        this.linked.ctl(step.b, ['set_vm_memory_high_watermark', '0.4'])
        return null
      case 'link.pause':
        this.linked.ctl(step.b, ['set_vm_memory_high_watermark', 'absolute', '1'])
        return null
      default:
        return this.sessions.get(broker).step(step)
    }
  }
  /** On `on`, refuse (or allow again) the user `from`'s parameters connect as, closing its connections. */
  async cutOrRestore(from, on, restore) {
    const user = `link-${from}`
    const v = encodeURIComponent(this.vhost)
    if (restore) {
      await this.linked.http(on, 'PUT', `/permissions/${v}/${user}`, ALL)
      return
    }
    await this.linked.http(on, 'DELETE', `/permissions/${v}/${user}`)
    // rabbitmqctl, not the management API: its connection list lags a few seconds behind new connections.
    this.linked.ctl(on, ['close_all_user_connections', user, 'link cut'])
  }
}
