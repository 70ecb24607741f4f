// The broker client never drops a command silently: what the structured clone cannot copy, or what passes an
// input limit, fails in words, and the rest of its batch still goes. A fake Worker clones as postMessage does.

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BrokerClient } from '../../app/broker/client.ts'
import { PROTOCOL_VERSION, type FromWorker, type ToWorker, type Traffic } from '../../engine/worker/protocol.ts'

class FakeWorker {
  static last: FakeWorker
  onmessage: ((event: { data: FromWorker }) => void) | null = null
  onerror: unknown = null
  posted: ToWorker[] = []
  constructor() {
    FakeWorker.last = this
  }
  postMessage(message: ToWorker): void {
    this.posted.push(structuredClone(message))
  }
  terminate(): void {}
  /** Answers every command posted so far with ok, as the worker's next batch would. */
  replyAll(): void {
    const replies = this.posted.flatMap((m) => (m.type === 'commands' ? m.commands : [])).filter((c) => c.id !== 0)
    this.posted = []
    this.onmessage?.({
      data: {
        type: 'batch',
        replies: replies.map((c) => ({ id: c.id, ok: true, result: c.command.type })),
        traffic: [],
      },
    })
  }
}

const realWorker = globalThis.Worker
beforeEach(() => {
  globalThis.Worker = FakeWorker as unknown as typeof Worker
})
afterEach(() => {
  globalThis.Worker = realWorker
})

function readyClient(): { client: BrokerClient; worker: FakeWorker } {
  const client = new BrokerClient()
  const worker = FakeWorker.last
  worker.onmessage?.({
    data: {
      type: 'ready',
      version: PROTOCOL_VERSION,
      recovery: { exchanges: 0, queues: 0, bindings: 0, messages: 0, ms: 0 },
      storage: 'memory',
      brokerVersion: '4.3',
      problem: null,
    },
  })
  return { client, worker }
}

const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve))

describe('broker client: commands that cannot be sent', () => {
  it('rejects the command the structured clone cannot copy, and sends the rest of its batch', async () => {
    const { client, worker } = readyClient()
    const good = client.send({ type: 'snapshot' })
    const bad = client.send({
      type: 'importDefinitions',
      definitions: { queues: [], note: () => 'not data' } as unknown as Record<string, unknown>,
      vhost: null,
    })
    await tick()
    const badOutcome = bad.then(
      () => 'resolved',
      (e: Error) => e.message,
    )
    worker.replyAll()
    expect(await good).toBe('snapshot')
    expect(await badOutcome).toMatch(/could not be sent to the broker, so it was not run/)
  })

  it('closes the channel of a publish that cannot be sent, so its confirm fails instead of never coming', async () => {
    const { client, worker } = readyClient()
    const traffic: Traffic[] = []
    client.onTraffic((t) => traffic.push(t))
    client.publish(1, 2, 1, '', 'q', 'body', { headers: { when: new WeakMap() as never } }, false)
    await tick()
    expect(traffic).toEqual([
      {
        kind: 'channelClosed',
        connection: 1,
        channel: 2,
        error: expect.objectContaining({ code: 541, message: expect.stringMatching(/could not be sent/) }),
      },
    ])
    // The worker closes its side of the channel too, so it holds no unacked messages for a channel nobody uses.
    expect(worker.posted).toEqual([
      { type: 'commands', commands: [{ id: 0, command: { type: 'closeChannel', connection: 1, channel: 2 } }] },
    ])
  })

  it('refuses a command past an input limit before posting anything', async () => {
    const { client, worker } = readyClient()
    let deep: unknown = 'leaf'
    for (let i = 0; i < 4000; i++) deep = [deep]
    const outcome = client
      .send({
        type: 'queueDeclare',
        connection: 1,
        channel: 1,
        declare: { queue: 'q', arguments: { 'x-deep': deep as string } },
      })
      .then(
        () => 'resolved',
        (e: Error) => e.message,
      )
    expect(await outcome).toBe("The arguments table nests deeper than 32 levels, Warren's limit: it was refused.")
    const long = await client
      .send({ type: 'queueDeclare', connection: 1, channel: 1, declare: { queue: 'q'.repeat(256) } })
      .catch((e: Error) => e.message)
    expect(long).toMatch(/The queue name is 256 bytes long; RabbitMQ allows at most 255 bytes/)
    await tick()
    expect(worker.posted).toEqual([])
  })

  it('rejects at once once the broker stopped in this tab', async () => {
    const { client, worker } = readyClient()
    worker.onmessage?.({ data: { type: 'stopped', reason: 'fatal', message: 'The broker failed to start.' } })
    await expect(client.send({ type: 'snapshot' })).rejects.toThrow(/not running in this tab any more/)
  })

  it('rejects at once while another tab holds the broker', async () => {
    const { client, worker } = readyClient()
    worker.onmessage?.({
      data: { type: 'stopped', reason: 'taken-over', message: 'Another tab took over this broker.' },
    })
    await expect(client.send({ type: 'snapshot' })).rejects.toThrow(/This tab does not hold the broker/)
  })
})

describe('input limits of a publish sent as a command (the Publish panel)', () => {
  it('refuses a header table nested too deep and a header key longer than a short string', async () => {
    const { client, worker } = readyClient()
    const publish = (headers: Record<string, unknown>) =>
      client
        .send({
          type: 'publish',
          connection: 1,
          channel: 1,
          exchange: '',
          routingKey: 'q',
          body: 'x',
          properties: { headers: headers as never },
          mandatory: false,
        })
        .catch((e: Error) => e.message)
    let deep: unknown = 1
    for (let i = 0; i < 40; i++) deep = { d: deep }
    expect(await publish({ deep })).toMatch(/The headers table nests deeper than 32 levels/)
    expect(await publish({ ['k'.repeat(300)]: 1 })).toMatch(/A key of the headers table is 300 bytes long/)
    await tick()
    expect(worker.posted).toEqual([])
  })
})
