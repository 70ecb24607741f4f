// A virtual host: exchanges, queues, bindings and policies, with declare/delete/bind semantics.
// Its publish path (routing, enqueue, returns, confirms) lives in publish-path.ts.

import {
  accessRefused,
  describeExchange,
  describeQueue,
  notFound,
  preconditionFailed,
  resourceLocked,
} from './errors.ts'
import type { EventSink } from './events.ts'
import { bindingIdentity, Exchange, PREDECLARED_EXCHANGES } from './exchange.ts'
import { validateHeadersBinding } from './exchanges/headers.ts'
import { checkExchangeType } from './exchanges/registry.ts'
import type { Binding, Destination } from './exchanges/router.ts'
import type {
  BindingDef,
  DeadLetterReason,
  ExchangeDeclare,
  ExchangeDef,
  FieldTable,
  Message,
  QueueDeclare,
  QueueDeclareOk,
  QueueDef,
  QueueSettings,
} from './model.ts'
import {
  assertArgEquivalent,
  assertQueueArgsEquivalent,
  validateQueueArguments,
  validateQueueType,
} from './queue-arguments.ts'
import { Queue, type QueueHost } from './queue.ts'
import {
  effectiveAlternateExchange,
  effectiveQueueSettings,
  matchPolicy,
  validatePolicy,
  type EffectiveQueueSettings,
  type PolicyDef,
} from './policy.ts'
import type { QueuedMessage } from './queue-store.ts'
import { PublishPath, type PublishHost } from './publish-path.ts'
import type { VersionProfile } from './profile.ts'
import type { Clock } from './clock.ts'
import type { DurableLog } from './durable-log.ts'
import type { QueuePlacement } from './cluster/replicas.ts'
import type { DropReason, QueueDeletedReason } from './events.ts'
import { validateStreamDeclare } from './stream/stream-arguments.ts'
import { StreamQueue, type StreamHost } from './stream/stream-queue.ts'

/** What a virtual host needs of the broker it belongs to. */
export interface VhostHost {
  readonly clock: Clock
  readonly profile: VersionProfile
  readonly emit: EventSink | null
  readonly durable: DurableLog | null
  generateName(prefix: string): string
  nextMessageId(): number
  /** Cluster: where a new queue lives, and whether a client's node reaches it (a no-op on one node). */
  placeQueue(vhost: VirtualHost, queue: Queue, connection: number, restored?: QueuePlacement): void
  assertQueueReachable(queue: Queue, connection: number): void
  /** Dead letters go through the broker, which drains them in a loop across vhosts' queues. */
  deadLetter(vhost: VirtualHost, queue: Queue, entry: QueuedMessage, reason: DeadLetterReason, byReject?: boolean): void
  orphanUnacked(queue: Queue): QueuedMessage[]
}

export class VirtualHost implements QueueHost, StreamHost, PublishHost {
  readonly exchanges = new Map<string, Exchange>()
  readonly queues = new Map<string, Queue>()
  private readonly incoming = new Map<Destination, Binding[]>()
  readonly publishing = new PublishPath(this)
  readonly policies = new Map<string, PolicyDef>()
  readonly operatorPolicies = new Map<string, PolicyDef>()

  constructor(
    readonly name: string,
    private readonly broker: VhostHost,
  ) {
    for (const def of PREDECLARED_EXCHANGES) this.exchanges.set(def.name, new Exchange({ ...def, arguments: {} }))
  }

  get clock() {
    return this.broker.clock
  }

  get profile(): VersionProfile {
    return this.broker.profile
  }

  get emit(): EventSink | null {
    return this.broker.emit
  }

  now(): number {
    return this.broker.clock.now()
  }

  nextMessageId(): number {
    return this.broker.nextMessageId()
  }

  // ---- exchanges ----------------------------------------------------------

  declareExchange(d: ExchangeDeclare): void {
    if (d.passive) {
      this.checkNotDefault(d.exchange)
      this.exchangeOrDie(d.exchange)
      return
    }
    const type = checkExchangeType(d.type, this.broker.profile)
    this.checkNotDefault(d.exchange)
    const def: ExchangeDef = {
      name: d.exchange,
      type,
      durable: !!d.durable,
      autoDelete: !!d.autoDelete,
      internal: !!d.internal,
      arguments: d.arguments ?? {},
    }
    const existing = this.exchanges.get(d.exchange)
    if (existing) return this.assertExchangeEquivalent(existing.def, def)
    if (d.exchange.startsWith('amq.')) {
      throw accessRefused(`exchange name '${d.exchange}' contains reserved prefix 'amq.*'`)
    }
    const ae = def.arguments['alternate-exchange']
    if (ae !== undefined && typeof ae !== 'string') {
      throw preconditionFailed(
        `invalid type '${typeof ae}' for arg 'alternate-exchange' in ${describeExchange(d.exchange, this.name)}`,
      )
    }
    const exchange = new Exchange(def)
    exchange.policyAlternate = effectiveAlternateExchange(
      {},
      matchPolicy(def.name, 'exchange', this.policies.values()),
    )?.name
    this.exchanges.set(def.name, exchange)
    if (this.emit)
      this.emit({
        type: 'exchangeDeclared',
        at: this.now(),
        vhost: this.name,
        name: def.name,
        exchangeType: def.type,
        durable: def.durable,
        autoDelete: def.autoDelete,
        internal: def.internal,
        arguments: def.arguments,
      })
    if (def.durable) this.broker.durable?.exchangeSaved(this.name, def)
  }

  /** Re-creates an exchange from stored or imported definitions: no AMQP name or type checks, no events. */
  restoreExchange(def: ExchangeDef): void {
    if (this.exchanges.has(def.name)) return
    const exchange = new Exchange(def)
    exchange.policyAlternate = effectiveAlternateExchange(
      {},
      matchPolicy(def.name, 'exchange', this.policies.values()),
    )?.name
    this.exchanges.set(def.name, exchange)
    if (this.emit)
      this.emit({
        type: 'exchangeDeclared',
        at: this.now(),
        vhost: this.name,
        name: def.name,
        exchangeType: def.type,
        durable: def.durable,
        autoDelete: def.autoDelete,
        internal: def.internal,
        arguments: def.arguments,
      })
    if (def.durable) this.broker.durable?.exchangeSaved(this.name, def)
  }

  private assertExchangeEquivalent(current: ExchangeDef, requested: ExchangeDef): void {
    const what = describeExchange(current.name, this.name)
    for (const field of ['type', 'durable', 'autoDelete', 'internal'] as const) {
      if (current[field] !== requested[field]) {
        const name = field === 'autoDelete' ? 'auto_delete' : field
        throw preconditionFailed(
          `inequivalent arg '${name}' for ${what}: received '${requested[field]}' but current is '${current[field]}'`,
        )
      }
    }
    assertArgEquivalent(current.arguments, requested.arguments, 'alternate-exchange', what)
  }

  private checkNotDefault(name: string): void {
    if (name === '') throw accessRefused(`operation not permitted on the default exchange`)
  }

  exchangeOrDie(name: string): Exchange {
    const x = this.exchanges.get(name)
    if (!x) throw notFound(`no exchange '${name}' in vhost '${this.name}'`)
    return x
  }

  deleteExchange(name: string, ifUnused = false): void {
    this.checkNotDefault(name)
    if (name.startsWith('amq.')) {
      throw accessRefused(`deletion of system ${describeExchange(name, this.name)} not allowed`)
    }
    const x = this.exchanges.get(name)
    if (!x) return
    if (ifUnused && x.outgoing.length > 0) throw preconditionFailed(`${describeExchange(name, this.name)} in use`)
    this.removeExchange(x, false)
  }

  private removeExchange(x: Exchange, autoDelete: boolean): void {
    x.deleted = true
    this.exchanges.delete(x.name)
    for (const binding of [...x.outgoing]) this.removeBinding(binding, false)
    for (const binding of [...(this.incoming.get(x) ?? [])]) this.removeBinding(binding, true)
    this.incoming.delete(x)
    if (this.emit) this.emit({ type: 'exchangeDeleted', at: this.now(), vhost: this.name, name: x.name, autoDelete })
    if (x.def.durable) this.broker.durable?.exchangeDeleted(this.name, x.name)
  }

  // ---- queues -------------------------------------------------------------

  /** `restored`: the nodes a recovered queue was saved on (recovery only; a new queue is placed afresh). */
  declareQueue(d: QueueDeclare, connection: number, restored?: QueuePlacement): QueueDeclareOk {
    if (d.passive) {
      const queue = this.queueOrDie(d.queue)
      this.checkExclusiveAccess(queue, connection)
      this.broker.assertQueueReachable(queue, connection)
      queue.touch()
      return { queue: queue.name, messageCount: queue.messageCount, consumerCount: queue.consumerCount }
    }
    const exclusive = !!d.exclusive
    const durable = !!d.durable && !exclusive
    const autoDelete = !!d.autoDelete
    const args = d.arguments ?? {}
    let name = d.queue
    if (name === '') name = this.broker.generateName('amq.gen-')
    else if (name.startsWith('amq.')) throw accessRefused(`queue name '${name}' contains reserved prefix 'amq.*'`)
    const existing = this.queues.get(name)
    if (existing) {
      this.broker.assertQueueReachable(existing, connection)
      const what = describeQueue(name, this.name)
      if (existing.owner !== (exclusive ? connection : null)) {
        throw resourceLocked(
          `cannot obtain exclusive access to locked ${what}. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration.`,
        )
      }
      if (existing.def.durable !== durable) {
        throw preconditionFailed(
          `inequivalent arg 'durable' for ${what}: received '${durable}' but current is '${existing.def.durable}'`,
        )
      }
      if (existing.def.autoDelete !== autoDelete) {
        throw preconditionFailed(
          `inequivalent arg 'auto_delete' for ${what}: received '${autoDelete}' but current is '${existing.def.autoDelete}'`,
        )
      }
      // A queue never changes type: a classic queue redeclared as a stream is refused (recorded: stream-redeclare-equivalence).
      const requestedType = args['x-queue-type']
      if (typeof requestedType === 'string' && requestedType !== existing.settings.type)
        throw preconditionFailed(
          `inequivalent arg 'x-queue-type' for ${what}: received the value '${requestedType}' of type 'longstr' but current is the value '${existing.settings.type}' of type 'longstr'`,
        )
      assertQueueArgsEquivalent(name, this.name, existing.settings.type, existing.def.arguments, args)
      existing.touch()
      return { queue: name, messageCount: existing.messageCount, consumerCount: existing.consumerCount }
    }
    const argumentSettings = validateQueueArguments(name, this.name, args, this.broker.profile)
    const settings = this.effectiveSettings(name, argumentSettings, args).settings
    validateQueueType(name, this.name, settings.type, args, { durable, exclusive, autoDelete })
    if (settings.type === 'stream')
      validateStreamDeclare(name, this.name, args, { durable, exclusive, autoDelete }, this.broker.profile)
    const def: QueueDef = { name, durable, exclusive, autoDelete, arguments: args }
    const queue =
      settings.type === 'stream'
        ? new StreamQueue(this.name, def, argumentSettings, settings, this)
        : new Queue(this.name, def, argumentSettings, settings, exclusive ? connection : null, this)
    this.queues.set(name, queue)
    this.broker.placeQueue(this, queue, connection, restored)
    if (this.emit)
      this.emit({
        type: 'queueDeclared',
        at: this.now(),
        vhost: this.name,
        name,
        durable,
        exclusive,
        autoDelete,
        arguments: args,
      })
    if (durable) this.broker.durable?.queueSaved(this.name, def, queue.replicas?.placement())
    return { queue: name, messageCount: 0, consumerCount: 0 }
  }

  queueOrDie(name: string): Queue {
    const queue = this.queues.get(name)
    if (!queue) throw notFound(`no queue '${name}' in vhost '${this.name}'`)
    return queue
  }

  /** rabbit_amqqueue:check_exclusive_access (lax): only the owner may use an exclusive queue. */
  checkExclusiveAccess(queue: Queue, connection: number): void {
    if (queue.owner !== null && queue.owner !== connection) {
      throw resourceLocked(
        `cannot obtain exclusive access to locked ${describeQueue(queue.name, this.name)}. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration.`,
      )
    }
  }

  /** A queue looked up for consume, get, purge or delete. */
  queueForUse(name: string, connection: number): Queue {
    const queue = this.queueOrDie(name)
    this.checkExclusiveAccess(queue, connection)
    this.broker.assertQueueReachable(queue, connection)
    return queue
  }

  purgeQueue(name: string, connection: number): number {
    const queue = this.queueForUse(name, connection)
    const purged = queue.purge()
    for (const entry of purged) this.settled(queue, entry)
    if (this.emit) this.emit({ type: 'purged', at: this.now(), vhost: this.name, queue: name, count: purged.length })
    return purged.length
  }

  deleteQueue(name: string, connection: number, ifUnused = false, ifEmpty = false): number {
    const queue = this.queues.get(name)
    if (!queue) return 0
    this.checkExclusiveAccess(queue, connection)
    if (ifUnused && queue.consumerCount > 0) throw preconditionFailed(`${describeQueue(name, this.name)} in use`)
    if (ifEmpty && queue.messageCount > 0) throw preconditionFailed(`${describeQueue(name, this.name)} is not empty`)
    return this.removeQueue(queue, 'deleted')
  }

  /** Deletes a queue: consumers are cancelled (and told), bindings go, ready messages are discarded. */
  removeQueue(queue: Queue, reason: QueueDeletedReason): number {
    if (queue.deleted) return 0
    queue.dispose()
    this.queues.delete(queue.name)
    for (const consumer of [...queue.consumers]) consumer.channel.cancelByBroker(consumer)
    for (const binding of [...(this.incoming.get(queue) ?? [])]) this.removeBinding(binding, true)
    this.incoming.delete(queue)
    const messages = queue.ready.drain()
    if (this.emit)
      this.emit({
        type: 'queueDeleted',
        at: this.now(),
        vhost: this.name,
        name: queue.name,
        reason,
        messages: messages.length,
      })
    if (queue.def.durable) this.broker.durable?.queueDeleted(this.name, queue.name)
    return messages.length
  }

  connectionClosed(connection: number): void {
    for (const queue of [...this.queues.values()])
      if (queue.owner === connection) this.removeQueue(queue, 'exclusive-owner-gone')
  }

  // ---- policies -----------------------------------------------------------

  /** rabbitmqctl set_policy / set_operator_policy: validated, then applied to every matching queue and exchange. */
  setPolicy(def: PolicyDef, operator = false): void {
    validatePolicy(def, operator, this.profile.classicMirroring)
    ;(operator ? this.operatorPolicies : this.policies).set(def.name, def)
    this.applyPolicies()
    this.broker.durable?.policySaved?.(this.name, def, operator)
  }

  clearPolicy(name: string, operator = false): void {
    const map = operator ? this.operatorPolicies : this.policies
    if (!map.delete(name)) throw notFound(`no policy '${name}' in vhost '${this.name}'`)
    this.applyPolicies()
    this.broker.durable?.policyDeleted?.(this.name, name, operator)
  }

  effectiveSettings(name: string, argumentSettings: QueueSettings, args: FieldTable): EffectiveQueueSettings {
    return effectiveQueueSettings(
      argumentSettings,
      args,
      matchPolicy(name, 'queue', this.policies.values()),
      matchPolicy(name, 'queue', this.operatorPolicies.values()),
    )
  }

  private applyPolicies(): void {
    for (const queue of this.queues.values()) {
      queue.applySettings(this.effectiveSettings(queue.name, queue.argumentSettings, queue.def.arguments).settings)
    }
    for (const x of this.exchanges.values()) {
      if (x.name === '' || x.name.startsWith('amq.')) continue
      x.policyAlternate = effectiveAlternateExchange({}, matchPolicy(x.name, 'exchange', this.policies.values()))?.name
    }
  }

  // ---- bindings -----------------------------------------------------------

  /** `connection` null binds on the broker's own behalf (imports, recovery): no exclusive-queue check. */
  bind(def: BindingDef, connection: number | null): void {
    this.checkNotDefault(def.source)
    if (def.destinationType === 'exchange') this.checkNotDefault(def.destination)
    const source = this.exchangeOrDie(def.source)
    const target =
      def.destinationType === 'queue' ? this.queueOrDie(def.destination) : this.exchangeOrDie(def.destination)
    if (target instanceof Queue && connection !== null) this.checkExclusiveAccess(target, connection)
    if (source.def.type === 'headers') validateHeadersBinding(def.arguments)
    if (this.findBinding(source, def)) return
    const binding: Binding = { ...def, target }
    source.outgoing.push(binding)
    source.bindingIndex.set(bindingIdentity(def), binding)
    source.router.add(binding)
    const list = this.incoming.get(target)
    if (list) list.push(binding)
    else this.incoming.set(target, [binding])
    if (this.emit) this.emit({ type: 'bound', at: this.now(), vhost: this.name, binding: def })
    if (source.def.durable && isDurable(target)) this.broker.durable?.bindingSaved(this.name, def)
  }

  unbind(def: BindingDef, connection: number): void {
    this.checkNotDefault(def.source)
    if (def.destinationType === 'exchange') this.checkNotDefault(def.destination)
    const source = this.exchanges.get(def.source)
    if (!source) return
    const queue = def.destinationType === 'queue' ? this.queues.get(def.destination) : undefined
    if (queue) this.checkExclusiveAccess(queue, connection)
    const binding = this.findBinding(source, def)
    if (binding) this.removeBinding(binding, true)
  }

  private findBinding(source: Exchange, def: BindingDef): Binding | undefined {
    return source.bindingIndex.get(bindingIdentity(def))
  }

  /** Removes a binding; an auto-delete source left without bindings is deleted in turn. */
  private removeBinding(binding: Binding, cascade: boolean): void {
    const source = this.exchanges.get(binding.source)
    if (source) {
      const at = source.outgoing.indexOf(binding)
      if (at >= 0) source.outgoing.splice(at, 1)
      source.bindingIndex.delete(bindingIdentity(binding))
      source.router.remove(binding)
    }
    const list = this.incoming.get(binding.target)
    if (list) {
      const at = list.indexOf(binding)
      if (at >= 0) list.splice(at, 1)
    }
    const def: BindingDef = {
      source: binding.source,
      destination: binding.destination,
      destinationType: binding.destinationType,
      routingKey: binding.routingKey,
      arguments: binding.arguments,
    }
    if (this.emit) this.emit({ type: 'unbound', at: this.now(), vhost: this.name, binding: def })
    if (source?.def.durable && isDurable(binding.target)) this.broker.durable?.bindingDeleted(this.name, def)
    if (cascade && source && !source.deleted && source.def.autoDelete && source.outgoing.length === 0) {
      this.removeExchange(source, true)
    }
  }

  bindingsOf(destination: Destination): readonly Binding[] {
    return this.incoming.get(destination) ?? []
  }

  // ---- QueueHost ----------------------------------------------------------

  /** `byReject`: basic.reject (not basic.nack) dead-lettered it, which some versions show as redelivered. */
  deadLetter(queue: Queue, entry: QueuedMessage, reason: DeadLetterReason, byReject = false): void {
    this.broker.deadLetter(this, queue, entry, reason, byReject)
  }

  dropped(queue: Queue, entry: QueuedMessage, reason: DropReason): void {
    if (this.emit)
      this.emit({
        type: 'dropped',
        at: this.now(),
        vhost: this.name,
        messageId: entry.message.id,
        queue: queue.name,
        reason,
      })
    this.settled(queue, entry)
  }

  orphanUnacked(queue: Queue): QueuedMessage[] {
    return this.broker.orphanUnacked(queue)
  }

  removeIdleQueue(queue: Queue, reason: 'auto-delete' | 'expired'): void {
    this.removeQueue(queue, reason)
  }

  /** A stream stores every message it appends, persistent or not. */
  accepted(queue: Queue, entry: QueuedMessage): void {
    if ((entry.message.persistent || queue.isStream) && queue.def.durable && this.broker.durable) {
      this.broker.durable.messageStored(this.name, queue.name, entry)
      this.publishing.storedCount++
    }
  }

  /** A message went to a consumer that must ack it. */
  delivered(queue: Queue, entry: QueuedMessage): void {
    if (entry.message.persistent && queue.def.durable && !queue.isStream)
      this.broker.durable?.messageDelivered(this.name, queue.name, entry)
  }

  /** A message left a queue for good (acked, dropped, dead-lettered, purged, auto-acked). */
  settled(queue: Queue, entry: QueuedMessage): void {
    if (entry.message.persistent && queue.def.durable && !queue.isStream)
      this.broker.durable?.messageRemoved(this.name, queue.name, entry)
  }

  /** Stream retention: the dropped segments leave the disk, and the designer sees them go. */
  segmentsRemoved(queue: StreamQueue, removed: Message[], firstOffset: number): void {
    const durable = this.broker.durable
    if (durable)
      for (let i = 0; i < removed.length; i++) {
        const message = removed[i]
        const entry = { message, seq: firstOffset + i, expiresAt: Infinity, redelivered: false, deliveryCount: 0 }
        durable.messageRemoved(this.name, queue.name, entry)
      }
    if (this.emit)
      this.emit({
        type: 'segmentsRemoved',
        at: this.now(),
        vhost: this.name,
        queue: queue.name,
        firstOffset,
        count: removed.length,
      })
  }
}

function isDurable(target: Destination): boolean {
  return target instanceof Queue ? target.def.durable : (target as Exchange).def.durable
}
