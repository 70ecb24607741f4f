// Every dynamic shovel of a design, following the "shovel" parameters of each broker: a new or changed parameter
// (re)starts its shovel, a cleared one stops it. A shovel whose src-delete-after is reached clears its parameter.

import type { LinkHost } from '../design/link-host.ts'
import { parseShovel } from './parameters.ts'
import { Shovel } from './shovel.ts'

interface Running {
  shovel: Shovel | null
  /** The parameter value it was started from (canonical JSON), to tell a changed parameter. */
  value: string
  /** Why the value is not a shovel, reported as a terminated status. */
  error: string | null
}

const keyOf = (broker: string, vhost: string, name: string) => `${broker}\u0000${vhost}\u0000${name}`

export class Shovels {
  private readonly running = new Map<string, Running>()

  constructor(private readonly design: LinkHost) {
    design.links.listen((a, b, state) => {
      if (state !== 'cut') return
      for (const r of this.running.values()) r.shovel?.linkCut(a, b)
    })
  }

  reconcile(): void {
    const wanted = new Map<string, { broker: string; vhost: string; name: string; value: unknown }>()
    for (const [broker, b] of this.design.brokers)
      for (const p of b.kept.parameters)
        if (p.component === 'shovel' && typeof p.vhost === 'string' && typeof p.name === 'string')
          wanted.set(keyOf(broker, p.vhost, p.name), { broker, vhost: p.vhost, name: p.name, value: p.value })
    for (const [key, r] of this.running)
      if (!wanted.has(key)) {
        r.shovel?.stop()
        this.running.delete(key)
      }
    for (const [key, w] of wanted) {
      const value = JSON.stringify(w.value)
      const current = this.running.get(key)
      if (current && current.value === value) continue
      current?.shovel?.stop()
      const config = parseShovel(w.value)
      if ('error' in config) {
        this.running.set(key, { shovel: null, value, error: config.error })
        continue
      }
      const finished = (done: Shovel) => this.finished(key, done)
      const shovel = new Shovel(this.design, w.broker, w.vhost, w.name, config, finished, current?.shovel?.counts)
      this.running.set(key, { shovel, value, error: null })
      shovel.start()
    }
  }

  /** src-delete-after reached: the parameter goes, and with it the shovel and its status. */
  private finished(key: string, shovel: Shovel): void {
    this.running.delete(key)
    const broker = this.design.broker(shovel.home)
    if (!broker) return
    const list = broker.kept.parameters
    const at = list.findIndex((p) => p.component === 'shovel' && p.vhost === shovel.vhost && p.name === shovel.name)
    if (at >= 0) list.splice(at, 1)
  }

  /** The shovels of one broker (the one their parameter belongs to). */
  of(broker: string): { vhost: string; name: string; shovel: Shovel | null; error: string | null }[] {
    const out = []
    for (const [key, r] of this.running) {
      const [b, vhost, name] = key.split('\u0000')
      if (b === broker) out.push({ vhost, name, shovel: r.shovel, error: r.error })
    }
    return out
  }

  removeBroker(name: string): void {
    for (const [key, r] of this.running) {
      if (!key.startsWith(`${name}\u0000`)) continue
      r.shovel?.stop()
      this.running.delete(key)
    }
  }
}
