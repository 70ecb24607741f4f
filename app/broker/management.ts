// warren.management: RabbitMQ's management HTTP API, answered by the broker in the tab or by a real RabbitMQ.
// Both sides have one interface, so a script, the live view and the deploy run unchanged against either.

import type { ManagementRequest, ManagementResponse } from '../../engine/management/http.ts'
import type { BrokerClient } from './client.ts'
import { loadNamespace } from '../i18n/index.ts'
import { ManagementConnectError, refusalOf } from './management-errors.ts'

export type { ManagementResponse }

export interface ManagementApi {
  get(path: string): Promise<ManagementResponse>
  put(path: string, body?: unknown): Promise<ManagementResponse>
  post(path: string, body?: unknown): Promise<ManagementResponse>
  delete(path: string, body?: unknown): Promise<ManagementResponse>
}

function over(send: (request: ManagementRequest) => Promise<ManagementResponse>): ManagementApi {
  return {
    get: (path) => send({ method: 'GET', path }),
    put: (path, body) => send({ method: 'PUT', path, body }),
    post: (path, body) => send({ method: 'POST', path, body }),
    delete: (path, body) => send({ method: 'DELETE', path, body }),
  }
}

/** The broker in this tab, on its virtual time. */
export function tabManagement(client: BrokerClient): ManagementApi {
  return over((request) => client.send({ type: 'management', request }))
}

/** The management API of another broker of the design, by name. */
export function designBrokerManagement(client: BrokerClient, broker: string): ManagementApi {
  return over((request) => client.send({ type: 'brokerManagement', broker, request }))
}

export interface RemoteOptions {
  /** The management plugin's base URL, e.g. http://localhost:15672 */
  url: string
  username: string
  password: string
}

/** Only this object holds the password; it never reaches a Warren file, a share link, an event or a log. */
function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`)
  return `Basic ${btoa(String.fromCharCode(...bytes))}`
}

function baseUrlOf(url: string): URL {
  let base: URL
  try {
    base = new URL(url)
  } catch {
    throw new ManagementConnectError('bad-url', { url })
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new ManagementConnectError('bad-url', { url })
  return base
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A real RabbitMQ's management API. Connecting checks the credentials with GET /api/whoami, so a wrong password,
 * a missing tag, a missing CORS setting or an unreachable host are told apart before anything else is tried.
 */
export async function remoteManagement(
  options: RemoteOptions,
  page: { origin: string; protocol: string } = globalThis.location,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<ManagementApi> {
  // Its refusals are worded in the management pages' words, which the first view has not loaded.
  await loadNamespace('management')
  const base = baseUrlOf(options.url)
  if (page.protocol === 'https:' && base.protocol === 'http:' && !LOOPBACK.has(base.hostname))
    throw new ManagementConnectError('mixed-content', { url: base.origin })
  const authorization = basicAuth(options.username, options.password)
  const send = async (request: ManagementRequest): Promise<ManagementResponse> => {
    const target = new URL(request.path, base)
    let response: Response
    try {
      response = await fetchImpl(target, {
        method: request.method,
        headers: { authorization, 'content-type': 'application/json' },
        body:
          request.body === undefined
            ? undefined
            : typeof request.body === 'string'
              ? request.body
              : JSON.stringify(request.body),
      })
    } catch {
      throw await unreachableOrCors(base, page.origin, fetchImpl)
    }
    const text = await response.text()
    let body: unknown = null
    if (text) {
      try {
        body = JSON.parse(text)
      } catch {
        body = text
      }
    }
    return { status: response.status, body }
  }
  const whoami = await send({ method: 'GET', path: '/api/whoami' })
  const refusal = refusalOf(whoami, options.username)
  if (refusal) throw refusal
  if (whoami.status !== 200) throw new ManagementConnectError('not-management', { url: base.origin })
  return over(send)
}

/** A fetch that fails before any answer: a CORS refusal if the host answers without CORS, else unreachable. */
async function unreachableOrCors(base: URL, origin: string, fetchImpl: typeof fetch): Promise<ManagementConnectError> {
  try {
    await fetchImpl(new URL('/api/overview', base), { mode: 'no-cors' })
    return new ManagementConnectError('cors', { url: base.origin, origin })
  } catch {
    return new ManagementConnectError('unreachable', { url: base.origin })
  }
}
