// What happened to messages at one queue or channel since it was created: the counts behind the management
// API's message_stats. Plain increments on the delivery path, read only when someone asks.

export class MessageCounters {
  publish = 0
  deliver = 0 // to consumers that ack
  deliverNoAck = 0
  get = 0 // basic.get that ack
  getNoAck = 0
  getEmpty = 0
  redeliver = 0
  ack = 0
}
