// What connection.start tells a client about the server, as RabbitMQ fills it: product, version and the
// capabilities amqplib and other clients look for. The version is the profile's exact release.

import type { FieldTable } from './model.ts'
import type { VersionProfile } from './profile.ts'

export function serverProperties(profile: VersionProfile): FieldTable {
  return {
    product: 'RabbitMQ',
    version: profile.rabbitmqVersion,
    platform: 'Warren (in the browser)',
    cluster_name: 'warren',
    information: `Warren behaving as RabbitMQ ${profile.rabbitmqVersion}`,
    capabilities: {
      publisher_confirms: true,
      exchange_exchange_bindings: true,
      'basic.nack': true,
      consumer_cancel_notify: true,
      'connection.blocked': true,
      consumer_priorities: true,
      authentication_failure_close: true,
      per_consumer_qos: true,
      direct_reply_to: false,
    },
  }
}
