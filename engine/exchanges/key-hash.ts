// A stable hash of routing keys for the hashing exchange types. It is not RabbitMQ's (erlang:phash2), so which
// queue of several takes a key differs from a real broker; the spread over queues and the stickiness of a key match.

/** FNV-1a over the key's UTF-16 code units, as an unsigned 32-bit integer. */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
