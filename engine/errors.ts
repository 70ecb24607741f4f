// AMQP reply codes with RabbitMQ's meaning. Channel errors close the channel; connection errors close the connection.

export const ReplyCode = {
  CONTENT_TOO_LARGE: 311,
  NO_ROUTE: 312,
  NO_CONSUMERS: 313,
  CONNECTION_FORCED: 320,
  INVALID_PATH: 402,
  ACCESS_REFUSED: 403,
  NOT_FOUND: 404,
  RESOURCE_LOCKED: 405,
  PRECONDITION_FAILED: 406,
  FRAME_ERROR: 501,
  SYNTAX_ERROR: 502,
  COMMAND_INVALID: 503,
  CHANNEL_ERROR: 504,
  UNEXPECTED_FRAME: 505,
  RESOURCE_ERROR: 506,
  NOT_ALLOWED: 530,
  NOT_IMPLEMENTED: 540,
  INTERNAL_ERROR: 541,
} as const

export type ReplyText = keyof typeof ReplyCode

const CHANNEL_LEVEL = new Set<number>([311, 312, 313, 403, 404, 405, 406])

/** Plain-data form of an error, safe to post across the worker boundary. */
export interface BrokerErrorData {
  code: number
  text: ReplyText
  message: string // RabbitMQ's full reply text, e.g. "NOT_FOUND - no exchange 'x' in vhost '/'"
  connectionLevel: boolean
}

export class AmqpError extends Error {
  readonly code: number
  readonly text: ReplyText
  readonly connectionLevel: boolean

  constructor(text: ReplyText, detail: string) {
    super(`${text} - ${detail}`)
    this.name = 'AmqpError'
    this.text = text
    this.code = ReplyCode[text]
    this.connectionLevel = !CHANNEL_LEVEL.has(this.code)
  }

  toData(): BrokerErrorData {
    return { code: this.code, text: this.text, message: this.message, connectionLevel: this.connectionLevel }
  }
}

export const notFound = (detail: string) => new AmqpError('NOT_FOUND', detail)
export const accessRefused = (detail: string) => new AmqpError('ACCESS_REFUSED', detail)
export const preconditionFailed = (detail: string) => new AmqpError('PRECONDITION_FAILED', detail)
export const resourceLocked = (detail: string) => new AmqpError('RESOURCE_LOCKED', detail)
export const commandInvalid = (detail: string) => new AmqpError('COMMAND_INVALID', detail)
export const notAllowed = (detail: string) => new AmqpError('NOT_ALLOWED', detail)

/** RabbitMQ names resources as "queue 'q' in vhost '/'". */
export const describeQueue = (name: string, vhost: string) => `queue '${name}' in vhost '${vhost}'`
export const describeExchange = (name: string, vhost: string) => `exchange '${name}' in vhost '${vhost}'`
