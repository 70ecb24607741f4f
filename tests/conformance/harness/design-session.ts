// Scenarios with several brokers (FORMAT.md, "Several brokers"): one design on one manual clock, a session per
// broker for the AMQP steps, the management API for parameters, policies and status, and the design's links.

import type { Broker } from '../../../engine/broker.ts'
import { ManualClock } from '../../../engine/clock.ts'
import { Design } from '../../../engine/design/design.ts'
import { ManagementApi } from '../../../engine/management/api.ts'
import type { BrokerVersion } from '../../../engine/profile.ts'
import type { Step } from './scenario.ts'

interface BrokerSession {
  run(step: Step): unknown
}

const VHOST = '%2F'

/** The management API's list cut to the `pick` fields, in the recorder's stable order. */
function picked(list: unknown, pick: string[] | undefined): unknown {
  if (!Array.isArray(list)) return list
  const rows = list.map((e: Record<string, unknown>) =>
    pick ? Object.fromEntries(pick.filter((k) => k in e).map((k) => [k, e[k]])) : e,
  )
  return rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
}

export class DesignSession {
  private readonly clock = new ManualClock()
  private readonly design = new Design(this.clock)
  private readonly sessions = new Map<string, BrokerSession>()
  private readonly apis = new Map<string, ManagementApi>()
  private readonly first: string

  constructor(
    names: string[],
    version: BrokerVersion,
    makeSession: (clock: ManualClock, broker: Broker) => BrokerSession,
  ) {
    for (const name of names) {
      const broker = this.design.create(name, { version })
      this.sessions.set(name, makeSession(this.clock, broker))
      this.apis.set(name, new ManagementApi(broker, version))
    }
    this.first = names[0]
  }

  run(step: Step): unknown {
    // What earlier steps set off (a shovel's hop, a link's reconnect due now) is done before the next step looks.
    this.clock.advance(0)
    const name = step.broker ?? this.first
    const api = this.apis.get(name)
    if (!api) throw new Error(`unknown broker ${name}`)
    const status = (r: { status: number }) => (r.status < 300 ? null : { status: r.status })
    switch (step.op) {
      case 'parameter.set':
        return status(
          api.handle({
            method: 'PUT',
            path: `/api/parameters/${step.component}/${VHOST}/${encodeURIComponent(step.name ?? '')}`,
            body: { value: step.value },
          }),
        )
      case 'parameter.clear':
        return status(
          api.handle({
            method: 'DELETE',
            path: `/api/parameters/${step.component}/${VHOST}/${encodeURIComponent(step.name ?? '')}`,
          }),
        )
      case 'policy.set':
        return status(
          api.handle({
            method: 'PUT',
            path: `/api/policies/${VHOST}/${encodeURIComponent(step.name ?? '')}`,
            body: {
              pattern: step.pattern,
              'apply-to': step.applyTo ?? 'all',
              definition: step.definition,
              priority: step.priority ?? 0,
            },
          }),
        )
      case 'management.get': {
        const r = api.handle({ method: 'GET', path: `/api/${(step.path ?? '').replace('{vhost}', VHOST)}` })
        return r.status < 300 ? picked(r.body, step.pick) : { status: r.status }
      }
      case 'link.cut':
        this.design.links.cut(step.a ?? '', step.b ?? '')
        return null
      case 'link.restore':
        this.design.links.restore(step.a ?? '', step.b ?? '')
        return null
      case 'link.pause':
        this.design.links.pause(step.a ?? '', step.b ?? '')
        return null
      default: {
        const session = this.sessions.get(name)
        if (!session) throw new Error(`unknown broker ${name}`)
        return session.run(step)
      }
    }
  }
}
