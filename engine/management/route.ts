// A route of the management API: a path pattern ("queues/:vhost/:name") and a handler per HTTP method.

import type { Broker } from '../broker.ts'
import type { VirtualHost } from '../vhost.ts'
import type { ManagementChannel } from './channel-session.ts'
import { badRequest, type HttpMethod, type ManagementResponse } from './http.ts'
import type { RateSampler } from './rates.ts'
import type { ShapeContext } from './shapes.ts'
import type { ManagementVersion } from './templates.ts'

/** What a handler may use: the broker, its version, and the API's own rates. */
export interface ManagementState {
  readonly broker: Broker
  readonly version: ManagementVersion
  readonly rates: RateSampler
  readonly context: ShapeContext
  /** The vhost, or 404. */
  vhost(name: string): VirtualHost
  /** Runs `run` on a channel of a short-lived connection to `vhost`. */
  channel<T>(vhost: string, run: (channel: ManagementChannel) => T): T
}

export type Params = Record<string, string>
export type Handler = (api: ManagementState, params: Params, body: unknown) => ManagementResponse

export interface Route {
  path: string[]
  methods: Partial<Record<HttpMethod, Handler>>
}

export function route(path: string, methods: Route['methods']): Route {
  return { path: path.split('/').filter(Boolean), methods }
}

/** Segments against a pattern: the named parameters, or null when the path is another route's. */
export function match(pattern: string[], segments: string[]): Params | null {
  if (pattern.length !== segments.length) return null
  const params: Params = {}
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = segments[i]
    else if (pattern[i] !== segments[i]) return null
  }
  return params
}

export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('body must be a JSON object')
  return body as Record<string, unknown>
}

export const ok = (body: unknown): ManagementResponse => ({ status: 200, body })
export const created: ManagementResponse = { status: 201, body: null }
export const noContent: ManagementResponse = { status: 204, body: null }
