// Words of the import, open and share-link guards, kept together for the i18n catalogue.

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export const replaceMessages = {
  lost: (w: {
    vhosts: number
    exchanges: number
    queues: number
    bindings: number
    messages: number
    producers: number
    consumers: number
  }) => {
    const parts = [
      w.vhosts > 0 && count(w.vhosts, 'vhost besides "/"', 'vhosts besides "/"'),
      w.exchanges > 0 && count(w.exchanges, 'exchange', 'exchanges'),
      w.queues > 0 && count(w.queues, 'queue', 'queues'),
      w.messages > 0 && count(w.messages, 'message', 'messages'),
      w.bindings > 0 && count(w.bindings, 'binding', 'bindings'),
      w.producers > 0 && count(w.producers, 'producer', 'producers'),
      w.consumers > 0 && count(w.consumers, 'consumer', 'consumers'),
    ].filter((p): p is string => typeof p === 'string')
    return `It replaces the current work, in every vhost: ${parts.join(', ')}, with the policies and the layout, are deleted from the broker and from disk.`
  },
  cannotUndo: 'This cannot be undone. Save a Warren file first to keep a copy.',
}

export const shareMessages = {
  tooLarge: (cap: number) =>
    `The share link is too large: it holds more than ${Math.round(cap / (1024 * 1024))} MiB of design, more than Warren opens from a link. Share a Warren file instead.`,
  tooSlow: 'The share link is too large: reading it took too long, so Warren stopped. Share a Warren file instead.',
}

export const fileMessages = {
  tooLarge: (name: string, bytes: number, cap: number) =>
    `'${name}' is too large: ${(bytes / (1024 * 1024)).toFixed(1)} MiB, more than the ${Math.round(cap / (1024 * 1024))} MiB RabbitMQ's management API accepts for definitions.`,
}
