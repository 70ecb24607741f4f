// RabbitMQ's management HTTP API over the engine: the paths, JSON shapes and status codes of the version the
// broker runs, answered from its state on virtual time. Changes go through AMQP channels, so they follow the
// same rules (and give the same errors) as a client's declare, bind, publish and get.

import type { Broker } from '../broker.ts'
import { exportDefinitions, exportVhostDefinitions } from '../definitions/export.ts'
import { importDefinitions } from '../definitions/import.ts'
import { AmqpError } from '../errors.ts'
import type { Binding } from '../exchanges/router.ts'
import type { VirtualHost } from '../vhost.ts'
import { type ManagementChannel, withChannel } from './channel-session.ts'
import {
  badRequest,
  HttpError,
  type ManagementRequest,
  type ManagementResponse,
  methodNotAllowed,
  objectNotFound,
} from './http.ts'
import { linkRoutes } from './link-routes.ts'
import { policyRoutes } from './policy-routes.ts'
import {
  created,
  type ManagementState,
  match,
  noContent,
  objectBody,
  ok,
  type Params,
  type Route,
  route,
} from './route.ts'
import { RateSampler } from './rates.ts'
import {
  bindingShape,
  bindingsOfVhost,
  channelShape,
  connectionName,
  connectionShape,
  consumerShape,
  defaultBinding,
  exchangeShape,
  nodeShape,
  overviewShape,
  propertiesKey,
  queueShape,
  type ShapeContext,
  vhostShape,
} from './shapes.ts'
import { type JsonObject, type ManagementVersion, shape, templatesOf } from './templates.ts'

export class ManagementApi implements ManagementState {
  readonly rates: RateSampler
  private readonly routes: Route[]

  constructor(
    readonly broker: Broker,
    readonly version: ManagementVersion,
    /** Virtual wall-clock time (ms since the epoch) for timestamps; the broker's clock counts from its start. */
    readonly wallClock: () => number = () => broker.clock.now(),
  ) {
    this.rates = new RateSampler(() => broker.clock.now())
    this.routes = [...ROUTES, ...policyRoutes, ...linkRoutes]
  }

  get context(): ShapeContext {
    return { broker: this.broker, version: this.version, rates: this.rates, now: this.wallClock }
  }

  handle(request: ManagementRequest): ManagementResponse {
    try {
      const segments = parsePath(request.path)
      for (const route of this.routes) {
        const params = match(route.path, segments)
        if (!params) continue
        const handler = route.methods[request.method]
        if (!handler) throw methodNotAllowed()
        return handler(this, params, parseBody(request.body))
      }
      throw objectNotFound()
    } catch (error) {
      if (error instanceof HttpError) return { status: error.status, body: error.body }
      if (error instanceof AmqpError) return { status: 400, body: { error: 'bad_request', reason: amqpReason(error) } }
      throw error
    }
  }

  vhost(name: string): VirtualHost {
    const vhost = this.broker.vhosts.get(name)
    if (!vhost) throw objectNotFound()
    return vhost
  }

  channel<T>(vhost: string, run: (channel: ManagementChannel) => T): T {
    this.vhost(vhost)
    return withChannel(this.broker, vhost, run)
  }
}

/** The reply text without its code: "inequivalent arg 'durable' for queue ..." as the API's reason gives it. */
function amqpReason(error: AmqpError): string {
  const prefix = `${error.text} - `
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message
}

function parsePath(path: string): string[] {
  const bare = path.split('?')[0].replace(/\/+$/, '')
  const parts = bare.split('/').slice(1)
  if (parts[0] !== 'api') throw objectNotFound()
  try {
    return parts.slice(1).map((p) => decodeURIComponent(p))
  } catch {
    throw objectNotFound()
  }
}

// ---- request bodies --------------------------------------------------------

/** A string body is the request's raw JSON text, as an HTTP client sends it. */
function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body
  try {
    return JSON.parse(body)
  } catch {
    throw badRequest('not_json')
  }
}

const flag = (b: Record<string, unknown>, key: string, fallback: boolean) =>
  b[key] === undefined ? fallback : b[key] === true || b[key] === 'true'
const tableOf = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {}

// ---- handlers --------------------------------------------------------------

/** The API names the default exchange "amq.default". */
function exchangeNamed(vhost: VirtualHost, name: string) {
  const exchange = vhost.exchanges.get(name === 'amq.default' ? '' : name)
  if (!exchange) throw objectNotFound()
  return exchange
}

function queuesOf(api: ManagementState, vhosts: VirtualHost[]): JsonObject[] {
  const ctx = api.context
  return vhosts.flatMap((v) => [...v.queues.values()].map((q) => queueShape(ctx, v, q, false)))
}

function exchangesOf(api: ManagementState, vhosts: VirtualHost[]): JsonObject[] {
  const ctx = api.context
  return vhosts.flatMap((v) => [...v.exchanges.values()].map((x) => exchangeShape(ctx, v, x, false)))
}

function bindingsOf(api: ManagementState, vhosts: VirtualHost[], keep: (b: Binding) => boolean = () => true) {
  const ctx = api.context
  return vhosts.flatMap((v) =>
    bindingsOfVhost(v)
      .filter(keep)
      .map((b) => bindingShape(ctx, v.name, b)),
  )
}

const allVhosts = (api: ManagementState) => [...api.broker.vhosts.values()]

function connectionsOf(api: ManagementState, vhost?: string) {
  const ctx = api.context
  return [...api.broker.connections.values()]
    .filter((c) => vhost === undefined || c.vhost.name === vhost)
    .map((c) => connectionShape(ctx, c))
}

function channelsOf(api: ManagementState, vhost?: string) {
  const ctx = api.context
  return [...api.broker.connections.values()]
    .filter((c) => vhost === undefined || c.vhost.name === vhost)
    .flatMap((c) => [...c.channels.values()].map((ch) => channelShape(ctx, ch)))
}

function consumersOf(api: ManagementState, vhosts: VirtualHost[]) {
  const ctx = api.context
  return vhosts.flatMap((v) => [...v.queues.values()].flatMap((q) => q.consumers.map((c) => consumerShape(ctx, v, c))))
}

function putQueue(api: ManagementState, p: Params, body: unknown): ManagementResponse {
  const b = objectBody(body)
  const exists = api.vhost(p.vhost).queues.has(p.name)
  api.channel(p.vhost, (ch) =>
    ch.queueDeclare({
      queue: p.name,
      durable: flag(b, 'durable', true),
      autoDelete: flag(b, 'auto_delete', false),
      exclusive: false,
      arguments: tableOf(b.arguments),
    }),
  )
  return exists ? noContent : created
}

function putExchange(api: ManagementState, p: Params, body: unknown): ManagementResponse {
  const b = objectBody(body)
  const exists = api.vhost(p.vhost).exchanges.has(p.name)
  if (typeof b.type !== 'string') throw badRequest('type is required')
  api.channel(p.vhost, (ch) =>
    ch.exchangeDeclare({
      exchange: p.name,
      type: b.type as string,
      durable: flag(b, 'durable', true),
      autoDelete: flag(b, 'auto_delete', false),
      internal: flag(b, 'internal', false),
      arguments: tableOf(b.arguments),
    }),
  )
  return exists ? noContent : created
}

function publish(api: ManagementState, p: Params, body: unknown): ManagementResponse {
  const b = objectBody(body)
  const vhost = api.vhost(p.vhost)
  const exchange = p.name === 'amq.default' ? '' : p.name
  if (!vhost.exchanges.has(exchange)) {
    const missing = templatesOf(api.version).errors.publishMissingExchange
    const reason =
      missing.status === 404 ? 'exchange_not_found' : `404 NOT_FOUND - no exchange '${p.name}' in vhost '${p.vhost}'`
    throw new HttpError(missing.status, { error: missing.error, reason })
  }
  const props = tableOf(b.properties)
  const payload = typeof b.payload === 'string' ? b.payload : ''
  const bytes = b.payload_encoding === 'base64' ? decodeBase64(payload) : payload
  const outcome = api.channel(p.vhost, (ch) =>
    ch.publish(
      exchange,
      typeof b.routing_key === 'string' ? b.routing_key : '',
      bytes,
      messageProperties(props),
      false,
    ),
  )
  return ok({ routed: outcome.queues > 0 })
}

function decodeBase64(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
  } catch {
    throw badRequest('payload is not valid base64')
  }
}

/** The API's property names (delivery_mode, content_type, ...) as the engine's. */
function messageProperties(p: JsonObject) {
  const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined)
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined)
  return {
    contentType: text('content_type'),
    contentEncoding: text('content_encoding'),
    headers: tableOf(p.headers),
    deliveryMode: num('delivery_mode'),
    priority: num('priority'),
    correlationId: text('correlation_id'),
    replyTo: text('reply_to'),
    expiration: text('expiration'),
    messageId: text('message_id'),
    timestamp: num('timestamp'),
    type: text('type'),
    userId: text('user_id'),
    appId: text('app_id'),
  }
}

const ACK_MODES = ['ack_requeue_true', 'ack_requeue_false', 'reject_requeue_true', 'reject_requeue_false']

function getMessages(api: ManagementState, p: Params, body: unknown): ManagementResponse {
  const b = objectBody(body)
  const ackmode = b.ackmode
  if (typeof ackmode !== 'string' || !ACK_MODES.includes(ackmode)) throw badRequest(`Unknown ackmode: ${ackmode}`)
  const count = typeof b.count === 'number' && b.count > 0 ? Math.floor(b.count) : 1
  const truncate = typeof b.truncate === 'number' ? b.truncate : Infinity
  const requeue = ackmode.endsWith('_true')
  api.vhost(p.vhost).queueOrDie(p.name)
  const messages = api.channel(p.vhost, (ch) => {
    const got = []
    for (let i = 0; i < count; i++) {
      const m = ch.get(p.name, false)
      if (!m) break
      got.push(m)
    }
    // Settled after every get, as RabbitMQ's management plugin does: a requeued message is not fetched twice.
    for (const m of got) {
      if (ackmode.startsWith('ack') && !requeue) ch.ack(m.deliveryTag)
      else ch.reject(m.deliveryTag, requeue)
    }
    return got
  })
  return ok(
    messages.map((m) => {
      const body = m.body
      const text = typeof body === 'string' ? body : null
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body).length : body.length
      const payload = typeof body === 'string' ? body : btoa(String.fromCharCode(...body))
      return shape(api.version, 'getMessage', {
        payload_bytes: bytes,
        redelivered: m.redelivered,
        exchange: m.exchange,
        routing_key: m.routingKey,
        message_count: m.messageCount,
        properties: apiProperties(m.properties),
        payload: payload.length > truncate ? payload.slice(0, truncate) : payload,
        payload_encoding: text === null ? 'base64' : 'string',
      })
    }),
  )
}

function apiProperties(properties: object): JsonObject {
  const p = properties as Record<string, unknown>
  const names: Record<string, string> = {
    contentType: 'content_type',
    contentEncoding: 'content_encoding',
    deliveryMode: 'delivery_mode',
    priority: 'priority',
    correlationId: 'correlation_id',
    replyTo: 'reply_to',
    expiration: 'expiration',
    messageId: 'message_id',
    timestamp: 'timestamp',
    type: 'type',
    userId: 'user_id',
    appId: 'app_id',
  }
  const out: JsonObject = {}
  for (const [from, to] of Object.entries(names)) if (p[from] !== undefined) out[to] = p[from] as JsonObject[string]
  out.headers = tableOf(p.headers)
  return out
}

function bindingRoutes(kind: 'q' | 'e'): Route[] {
  const destinationType = kind === 'q' ? 'queue' : 'exchange'
  const between = (api: ManagementState, p: Params) => {
    const vhost = api.vhost(p.vhost)
    const source = exchangeNamed(vhost, p.source)
    if (kind === 'q') vhost.queueOrDie(p.destination)
    else exchangeNamed(vhost, p.destination)
    return [...(p.source === '' ? [defaultBinding(p.destination)] : source.outgoing)].filter(
      (b) => b.destination === p.destination && b.destinationType === destinationType,
    )
  }
  const byKey = (api: ManagementState, p: Params) => {
    const found = between(api, p).find((b) => propertiesKey(b.routingKey, b.arguments) === p.props)
    if (!found) throw objectNotFound()
    return found
  }
  const base = `bindings/:vhost/e/:source/${kind}/:destination`
  return [
    route(base, {
      GET: (api, p) => ok(between(api, p).map((b) => bindingShape(api.context, p.vhost, b))),
      POST: (api, p, body) => {
        const b = objectBody(body)
        const routingKey = typeof b.routing_key === 'string' ? b.routing_key : ''
        const args = tableOf(b.arguments)
        api.channel(p.vhost, (ch) =>
          kind === 'q'
            ? ch.queueBind(p.destination, p.source, routingKey, args)
            : ch.exchangeBind(p.destination, p.source, routingKey, args),
        )
        return { status: 201, body: null }
      },
    }),
    route(`${base}/:props`, {
      GET: (api, p) => ok(bindingShape(api.context, p.vhost, byKey(api, p))),
      DELETE: (api, p) => {
        const b = byKey(api, p)
        api.channel(p.vhost, (ch) =>
          kind === 'q'
            ? ch.queueUnbind(b.destination, b.source, b.routingKey, b.arguments)
            : ch.exchangeUnbind(b.destination, b.source, b.routingKey, b.arguments),
        )
        return noContent
      },
    }),
  ]
}

function definitionsPost(api: ManagementState, vhost: string | null, body: unknown): ManagementResponse {
  if (vhost !== null) api.vhost(vhost)
  try {
    importDefinitions(api.broker, objectBody(body), vhost)
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw badRequest(error instanceof Error ? error.message : String(error))
  }
  return noContent
}

const ROUTES: Route[] = [
  route('overview', { GET: (api) => ok(overviewShape(api.context)) }),
  route('nodes', { GET: (api) => ok(api.broker.cluster.nodes.map((n) => nodeShape(api.context, n.name))) }),
  route('nodes/:node', {
    GET: (api, p) => {
      if (!api.broker.cluster.nodes.some((n) => n.name === p.node)) throw objectNotFound()
      return ok(nodeShape(api.context, p.node))
    },
  }),
  route('whoami', {
    GET: (api) => ok(shape(api.version, 'whoami', { name: 'guest', tags: ['administrator'], is_internal_user: true })),
  }),
  route('health/checks/alarms', { GET: () => ok({ status: 'ok' }) }),
  route('vhosts', { GET: (api) => ok(allVhosts(api).map((v) => vhostShape(api.context, v, false))) }),
  route('vhosts/:vhost', {
    GET: (api, p) => ok(vhostShape(api.context, api.vhost(p.vhost))),
    PUT: (api, p) => {
      const exists = api.broker.vhosts.has(p.vhost)
      api.broker.addVhost(p.vhost)
      return exists ? noContent : created
    },
    DELETE: (api, p) => {
      api.vhost(p.vhost)
      api.broker.deleteVhost(p.vhost)
      return noContent
    },
  }),
  route('vhosts/:vhost/connections', {
    GET: (api, p) => ok(connectionsOf(api, api.vhost(p.vhost).name)),
  }),
  route('vhosts/:vhost/channels', { GET: (api, p) => ok(channelsOf(api, api.vhost(p.vhost).name)) }),
  route('exchanges', { GET: (api) => ok(exchangesOf(api, allVhosts(api))) }),
  route('exchanges/:vhost', { GET: (api, p) => ok(exchangesOf(api, [api.vhost(p.vhost)])) }),
  route('exchanges/:vhost/:name', {
    GET: (api, p) => {
      const vhost = api.vhost(p.vhost)
      return ok(exchangeShape(api.context, vhost, exchangeNamed(vhost, p.name)))
    },
    PUT: putExchange,
    DELETE: (api, p) => {
      exchangeNamed(api.vhost(p.vhost), p.name)
      api.channel(p.vhost, (ch) => ch.exchangeDelete(p.name === 'amq.default' ? '' : p.name, false))
      return noContent
    },
  }),
  route('exchanges/:vhost/:name/bindings/source', {
    GET: (api, p) => {
      const x = exchangeNamed(api.vhost(p.vhost), p.name)
      return ok(bindingsOf(api, [api.vhost(p.vhost)], (b) => b.source === x.name))
    },
  }),
  route('exchanges/:vhost/:name/bindings/destination', {
    GET: (api, p) => {
      const x = exchangeNamed(api.vhost(p.vhost), p.name)
      return ok(
        bindingsOf(api, [api.vhost(p.vhost)], (b) => b.destinationType === 'exchange' && b.destination === x.name),
      )
    },
  }),
  route('exchanges/:vhost/:name/publish', { POST: publish }),
  route('queues', { GET: (api) => ok(queuesOf(api, allVhosts(api))) }),
  route('queues/:vhost', { GET: (api, p) => ok(queuesOf(api, [api.vhost(p.vhost)])) }),
  route('queues/:vhost/:name', {
    GET: (api, p) => {
      const vhost = api.vhost(p.vhost)
      const queue = vhost.queues.get(p.name)
      if (!queue) throw objectNotFound()
      return ok(queueShape(api.context, vhost, queue, true))
    },
    PUT: putQueue,
    DELETE: (api, p) => {
      if (!api.vhost(p.vhost).queues.has(p.name)) throw objectNotFound()
      api.channel(p.vhost, (ch) => ch.queueDelete(p.name, {}))
      api.rates.forget(`queue/${p.vhost}/${p.name}`)
      return noContent
    },
  }),
  route('queues/:vhost/:name/bindings', {
    GET: (api, p) => {
      const vhost = api.vhost(p.vhost)
      if (!vhost.queues.has(p.name)) throw objectNotFound()
      return ok(bindingsOf(api, [vhost], (b) => b.destinationType === 'queue' && b.destination === p.name))
    },
  }),
  route('queues/:vhost/:name/contents', {
    DELETE: (api, p) => {
      if (!api.vhost(p.vhost).queues.has(p.name)) throw objectNotFound()
      api.channel(p.vhost, (ch) => ch.queuePurge(p.name))
      return noContent
    },
  }),
  route('queues/:vhost/:name/get', { POST: getMessages }),
  route('bindings', { GET: (api) => ok(bindingsOf(api, allVhosts(api))) }),
  route('bindings/:vhost', { GET: (api, p) => ok(bindingsOf(api, [api.vhost(p.vhost)])) }),
  ...bindingRoutes('q'),
  ...bindingRoutes('e'),
  route('connections', { GET: (api) => ok(connectionsOf(api)) }),
  route('connections/:name', {
    GET: (api, p) => {
      const c = [...api.broker.connections.values()].find((c) => connectionName(c) === p.name)
      if (!c) throw objectNotFound()
      return ok(connectionShape(api.context, c))
    },
    DELETE: (api, p) => {
      const c = [...api.broker.connections.values()].find((c) => connectionName(c) === p.name)
      if (!c) throw objectNotFound()
      c.close(new AmqpError('CONNECTION_FORCED', 'Closed via management plugin'))
      return noContent
    },
  }),
  route('channels', { GET: (api) => ok(channelsOf(api)) }),
  route('consumers', { GET: (api) => ok(consumersOf(api, allVhosts(api))) }),
  route('consumers/:vhost', { GET: (api, p) => ok(consumersOf(api, [api.vhost(p.vhost)])) }),
  route('definitions', {
    GET: (api) => ok(exportDefinitions(api.broker, api.broker.profile.definitionsFormat)),
    POST: (api, _p, body) => definitionsPost(api, null, body),
  }),
  route('definitions/:vhost', {
    GET: (api, p) => {
      if (!api.broker.vhosts.has(p.vhost)) throw badRequest('vhost_not_found')
      return ok(exportVhostDefinitions(api.broker, p.vhost, api.broker.profile.definitionsFormat))
    },
    POST: (api, p, body) => definitionsPost(api, p.vhost, body),
  }),
]

const apis = new WeakMap<Broker, ManagementApi>()

/** The broker's management API, kept with it so its rates remember earlier samples. */
export function managementOf(broker: Broker, version: ManagementVersion): ManagementApi {
  let api = apis.get(broker)
  if (!api || api.version !== version) {
    api = new ManagementApi(broker, version)
    apis.set(broker, api)
  }
  return api
}
