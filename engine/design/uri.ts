// AMQP URIs inside a design: the host is a broker's name (amqp://dc-london/%2F); no host is the broker itself,
// as RabbitMQ's direct connection "amqp://" is. Shown without credentials, as RabbitMQ shows them.

export interface LinkUri {
  /** The broker's name, or null for the broker the parameter belongs to. */
  broker: string | null
  vhost: string
  /** The URI as RabbitMQ reports it: user and password left out. */
  shown: string
}

/** Parses `amqp://[user[:password]@]host[:port][/vhost][?query]`; null when it is not one. */
export function parseLinkUri(uri: string): LinkUri | null {
  const m = /^amqps?:\/\/(?:[^@/]*@)?([^/:?]*)(?::\d+)?(\/[^?]*)?(\?.*)?$/.exec(uri)
  if (!m) return null
  const host = m[1]
  let vhost = '/'
  if (m[2] !== undefined && m[2] !== '/') {
    try {
      vhost = decodeURIComponent(m[2].slice(1))
    } catch {
      return null
    }
  } else if (m[2] === '/') vhost = ''
  const shown = uri.replace(/^(amqps?:\/\/)[^@/]*@/, '$1')
  return { broker: host === '' ? null : host, vhost, shown }
}
