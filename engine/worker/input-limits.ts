// Limits on everything that comes from outside (files, share links, page-API arguments), checked before it is
// sent to the worker, and the words of each refusal. RabbitMQ's own limits where it has them.

export const INPUT_LIMITS = {
  /** AMQP short strings (names, routing keys, header keys) hold at most 255 bytes of UTF-8. */
  shortStringBytes: 255,
  /** RabbitMQ's management API takes a definitions upload of at most 20 MiB (management.http.max_body_size). */
  fileBytes: 20 * 1024 * 1024,
  /** What a share link may inflate to. */
  shareLinkBytes: 16 * 1024 * 1024,
  /** Nesting of a whole document (a definitions file, a Warren file, a command): deeper is not a topology. */
  documentDepth: 64,
  /** Nesting of one argument or header table; Python's parser stops near 200 levels, JSON clones near 4,000. */
  tableDepth: 32,
} as const

/** A refusal naming the limit that was passed; its message is written for the person who sent the input. */
export class InputLimitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputLimitError'
  }
}

export const limitMessages = {
  tooDeep: (what: string, limit: number) =>
    `${what} nests deeper than ${limit} levels, Warren's limit: it was refused.`,
  tooLarge: (what: string, bytes: number, limit: number) =>
    `${what} is too large: ${formatBytes(bytes)}, more than the ${formatBytes(limit)} Warren accepts.`,
  shortString: (what: string, bytes: number) =>
    `${what} is ${bytes} bytes long; RabbitMQ allows at most ${INPUT_LIMITS.shortStringBytes} bytes (an AMQP short string).`,
  notString: (what: string, value: unknown) =>
    `${what} must be a string, not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `the ${typeof value} ${String(value)}`}.`,
  notTable: (what: string) => `${what} must be a table (a JSON object), not a list, a string, a number or null.`,
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`
  return `${bytes} bytes`
}

/** How deeply arrays and objects nest in a value (a scalar is 0), walked without recursion; stops past `stopAt`. */
export function nestingDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number]
    if (item === null || typeof item !== 'object') continue
    const here = depth + 1
    if (here > deepest) deepest = here
    if (deepest > stopAt) return deepest
    if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) continue
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, here])
  }
  return deepest
}

/** Throws unless `value` nests at most `limit` levels. */
export function checkDepth(value: unknown, what: string, limit: number = INPUT_LIMITS.documentDepth): void {
  if (nestingDepth(value, limit) > limit) throw new InputLimitError(limitMessages.tooDeep(what, limit))
}

export function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** Throws when a name, routing key or header key is longer than an AMQP short string. */
export function checkShortString(text: string, what: string): void {
  if (text.length * 3 <= INPUT_LIMITS.shortStringBytes) return
  const bytes = utf8Bytes(text)
  if (bytes > INPUT_LIMITS.shortStringBytes) throw new InputLimitError(limitMessages.shortString(what, bytes))
}

/** Throws when a text from outside (a file, an inflated link) is larger than `limit` bytes of UTF-8. */
export function checkSize(text: string, what: string, limit: number = INPUT_LIMITS.fileBytes): void {
  if (text.length <= limit / 3) return
  const bytes = utf8Bytes(text)
  if (bytes > limit) throw new InputLimitError(limitMessages.tooLarge(what, bytes, limit))
}

/** An argument or header table: a plain object, nesting at most tableDepth levels, with short-string keys. */
export function checkTable(table: unknown, what: string): void {
  if (table === undefined) return
  if (table === null || typeof table !== 'object' || Array.isArray(table))
    throw new InputLimitError(limitMessages.notTable(what))
  checkDepth(table, what, INPUT_LIMITS.tableDepth)
  for (const key of Object.keys(table))
    checkShortString(key, `A key of ${what.charAt(0).toLowerCase()}${what.slice(1)}`)
}

// Command fields that travel as AMQP short strings, and fields that are argument or header tables.
const SHORT_STRING_FIELDS = ['exchange', 'queue', 'routingKey', 'destination', 'source', 'consumerTag', 'vhost']
const TABLE_FIELDS = ['arguments', 'headers']
const FIELD_WORDS: Record<string, string> = {
  exchange: 'The exchange name',
  queue: 'The queue name',
  routingKey: 'The routing key',
  destination: 'The destination name',
  source: 'The source exchange name',
  consumerTag: 'The consumer tag',
  vhost: 'The vhost name',
  arguments: 'The arguments table',
  headers: 'The headers table',
}

/** Throws an InputLimitError when a command (or the declare or properties it carries) passes one of the limits above. */
export function checkCommandLimits(command: { type: string }): void {
  const parts = [command as Record<string, unknown>]
  // A declare carries the names and arguments; a publish's properties carry its header table.
  for (const inner of [(command as { declare?: unknown }).declare, (command as { properties?: unknown }).properties])
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) parts.push(inner as Record<string, unknown>)
  for (const part of parts) {
    for (const field of SHORT_STRING_FIELDS) {
      const value = part[field]
      if (typeof value === 'string') checkShortString(value, FIELD_WORDS[field])
      // A null vhost means the whole broker (importDefinitions, exportDefinitions); any other name must be text.
      else if (value !== undefined && !(field === 'vhost' && value === null))
        throw new InputLimitError(limitMessages.notString(FIELD_WORDS[field], value))
    }
    for (const field of TABLE_FIELDS) if (field in part) checkTable(part[field], FIELD_WORDS[field])
  }
  checkDepth(command, `The ${command.type} command`, INPUT_LIMITS.documentDepth + 4)
}

/** The checks of checkCommandLimits for one basic.publish, which travels batched rather than as its own command. */
export function checkPublishLimits(exchange: string, routingKey: string, headers: unknown): void {
  checkShortString(exchange, FIELD_WORDS.exchange)
  checkShortString(routingKey, FIELD_WORDS.routingKey)
  checkTable(headers, FIELD_WORDS.headers)
}
