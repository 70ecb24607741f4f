// Requests and answers of the management HTTP API, as plain data that crosses the worker boundary.

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE'

export interface ManagementRequest {
  method: HttpMethod
  /** As on the wire: "/api/queues/%2F/orders", with an optional query string. */
  path: string
  body?: unknown
}

export interface ManagementResponse {
  status: number
  /** The JSON body, or null for 201/204 and for 405 (RabbitMQ sends no body then). */
  body: unknown
}

/** A failure with the status and JSON body RabbitMQ answers with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' && body !== null && 'reason' in body ? String(body.reason) : `HTTP ${status}`)
  }
}

export const objectNotFound = () => new HttpError(404, { error: 'Object Not Found', reason: 'Not Found' })
export const badRequest = (reason: string) => new HttpError(400, { error: 'bad_request', reason })
export const methodNotAllowed = () => new HttpError(405, null)
