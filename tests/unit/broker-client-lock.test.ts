// A tab whose broker another tab took: its commands fail, a new worker waits beside the lock, and taking the
// broker back asks that worker once it has said the lock is held (not before, when it could not act on it).

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BrokerClient, type ClientState } from '../../app/broker/client.ts'
import { PROTOCOL_VERSION, type FromWorker, type ToWorker, type Traffic } from '../../engine/worker/protocol.ts'

class FakeWorker {
  static all: FakeWorker[] = []
  onmessage: ((event: { data: FromWorker }) => void) | null = null
  onerror: unknown = null
  posted: ToWorker[] = []
  terminated = false
  constructor() {
    FakeWorker.all.push(this)
  }
  postMessage(message: ToWorker): void {
    this.posted.push(structuredClone(message))
  }
  terminate(): void {
    this.terminated = true
  }
  say(data: FromWorker): void {
    this.onmessage?.({ data })
  }
}

const realWorker = globalThis.Worker
beforeEach(() => {
  FakeWorker.all = []
  globalThis.Worker = FakeWorker as unknown as typeof Worker
})
afterEach(() => {
  globalThis.Worker = realWorker
})

const ready: FromWorker = {
  type: 'ready',
  version: PROTOCOL_VERSION,
  recovery: { exchanges: 0, queues: 0, bindings: 0, messages: 0, ms: 0 },
  storage: 'indexeddb',
  brokerVersion: '4.3',
  problem: null,
}
const takenOver: FromWorker = { type: 'stopped', reason: 'taken-over', message: 'Another tab took over this broker.' }

describe('broker client: the broker taken by another tab', () => {
  it('says it lost the broker, closes its connections and waits beside the lock with a new worker', async () => {
    const client = new BrokerClient()
    const first = FakeWorker.all[0]
    first.say(ready)
    const pending = client.send({ type: 'snapshot' }).catch((e: Error) => e.message)
    const traffic: Traffic[] = []
    client.onTraffic((t) => traffic.push(t))
    const states: ClientState['kind'][] = []
    client.onState((s) => states.push(s.kind))
    first.say(takenOver)
    expect(client.state).toEqual({ kind: 'locked', lost: true })
    expect(await pending).toMatch(/This tab does not hold the broker/)
    expect(traffic).toEqual([expect.objectContaining({ kind: 'connectionClosed', connection: -1 })])
    expect(first.terminated).toBe(true)
    expect(FakeWorker.all).toHaveLength(2)
    // The new worker finds the lock held: still lost, as far as the page can tell.
    FakeWorker.all[1].say({ type: 'locked', version: PROTOCOL_VERSION })
    expect(client.state).toEqual({ kind: 'locked', lost: true })
    expect(states).toEqual(['locked', 'locked'])
  })

  it('takes the broker back: asked before the new worker has reported the lock, it asks once it has', async () => {
    const client = new BrokerClient()
    FakeWorker.all[0].say(ready)
    FakeWorker.all[0].say(takenOver)
    const second = FakeWorker.all[1]
    const back = client.takeOver()
    expect(second.posted).toEqual([])
    second.say({ type: 'locked', version: PROTOCOL_VERSION })
    expect(second.posted).toEqual([{ type: 'takeOver' }])
    second.say(ready)
    await back
    expect(client.state.kind).toBe('ready')
  })

  it('a tab opened second is not one that lost the broker, and asks at once', () => {
    const client = new BrokerClient()
    const worker = FakeWorker.all[0]
    worker.say({ type: 'locked', version: PROTOCOL_VERSION })
    expect(client.state).toEqual({ kind: 'locked', lost: false })
    void client.takeOver()
    expect(worker.posted).toEqual([{ type: 'takeOver' }])
  })

  it('fails a publish made while another tab holds the broker, and sends nothing for later', async () => {
    const client = new BrokerClient()
    FakeWorker.all[0].say(ready)
    FakeWorker.all[0].say(takenOver)
    const waiting = FakeWorker.all[1]
    const traffic: Traffic[] = []
    client.onTraffic((t) => traffic.push(t))
    client.publish(1, 2, 1, '', 'q', 'body', {}, false)
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    expect(traffic).toEqual([
      expect.objectContaining({
        kind: 'channelClosed',
        connection: 1,
        channel: 2,
        error: expect.objectContaining({ code: 541 }),
      }),
    ])
    expect(waiting.posted).toEqual([])
  })
})
