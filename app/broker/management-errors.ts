// Why a real RabbitMQ's management API cannot be used from this page, and what to do about it, in words.

import { t } from '../i18n/index.ts'
import type { ManagementResponse } from '../../engine/management/http.ts'

export type ConnectProblem =
  | 'bad-url' // not an http(s) URL
  | 'mixed-content' // an https page cannot call a plain-http broker that is not on this machine
  | 'unreachable' // nothing answered
  | 'cors' // the broker answered, but does not allow this page's origin
  | 'login-failed' // 401: wrong username or password
  | 'not-management-user' // 401: the user lacks the management (or monitoring/administrator) tag
  | 'no-vhost-access' // 401/403: the user has no permissions on the vhost
  | 'not-management' // an answer, but not the management API's

export class ManagementConnectError extends Error {
  constructor(
    readonly problem: ConnectProblem,
    readonly details: { url?: string; origin?: string; username?: string } = {},
  ) {
    super(t(`management:connectError.${problem}`, details))
    this.name = 'ManagementConnectError'
  }

  /** For a CORS refusal: the rabbitmq.conf lines that allow this page (its exact origin). */
  get corsConfig(): string | null {
    if (this.problem !== 'cors' || !this.details.origin) return null
    return `management.cors.allow_origins.1 = ${this.details.origin}\nmanagement.cors.max_age = 3600`
  }
}

/** RabbitMQ answers 401 for every refusal and tells them apart in `reason`. */
export function refusalOf(response: ManagementResponse, username: string): ManagementConnectError | null {
  if (response.status !== 401 && response.status !== 403) return null
  const reason = String((response.body as { reason?: unknown } | null)?.reason ?? '').toLowerCase()
  if (reason.includes('management user')) return new ManagementConnectError('not-management-user', { username })
  if (reason.includes('virtual host')) return new ManagementConnectError('no-vhost-access', { username })
  return new ManagementConnectError('login-failed', { username })
}
