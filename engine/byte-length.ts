// The size RabbitMQ counts for a body (x-max-length-bytes, message stats): its UTF-8 length.

import type { Body } from './model.ts'

const encoder = new TextEncoder()

/** UTF-8 length without encoding plain ASCII (publishing and recovering 100k messages stay cheap). */
export function byteLength(body: Body): number {
  if (typeof body !== 'string') return body.length
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) > 0x7f) return encoder.encode(body).length
  return body.length
}
