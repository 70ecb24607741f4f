// Version profiles: every behaviour that differs between the RabbitMQ versions Warren reproduces, as named
// data read by the engine where the behaviour happens. The engine asks `profile.lastDeathHeaders`, never
// compares version strings. Each behaviour names where it comes from in BEHAVIOUR_SOURCES below.

/** The RabbitMQ versions Warren has a profile for. */
export type BrokerVersion = '3.10' | '4.0' | '4.3'

export const BROKER_VERSIONS: readonly BrokerVersion[] = ['3.10', '4.0', '4.3']

/** What a new broker runs. Databases created before versions existed open as 3.10. */
export const DEFAULT_VERSION: BrokerVersion = '4.3'
export const LEGACY_VERSION: BrokerVersion = '3.10'

/** Returns to the queue that add one to a quorum message's delivery count. */
export interface QuorumReturnCounting {
  nack: boolean // basic.nack requeue=true
  reject: boolean // basic.reject requeue=true
  channelClose: boolean // the channel (or the consumer's connection) closed with the message unacked
}

export type QuorumPriorities = 'fifo' | 'two-levels' | 'strict-0-31'

/** Names from rabbitmq-diagnostics list_deprecated_features. */
export type DeprecatedFeature = 'transient_nonexcl_queues' | 'global_qos' | 'queue_master_locator' | 'ram_node_type'

/** How GET /api/definitions (the whole broker) and GET /api/definitions/{vhost} are written. */
export interface DefinitionsFormat {
  /** rabbitmq_definition_format, original_cluster_name / original_vhost_name and explanation in the header. */
  readonly described: boolean
  /** A vhost export's header: rabbit_version alone, the product fields, or those and the vhost's metadata. */
  readonly vhostHeader: 'version-only' | 'product' | 'metadata-and-default-queue-type' | 'metadata'
  /** A vhost's entry in the whole export: its name alone, name + limits + metadata without or with
   *  default_queue_type, or name + description + metadata + tags + default_queue_type. */
  readonly vhostEntry: 'name' | 'limits-and-metadata' | 'limits-and-typed-metadata' | 'described'
  /** Vhost limits written as a list of pairs or as an object. */
  readonly limitsAs: 'list' | 'object'
  /** x-queue-type is written into every queue's arguments, declared or not. */
  readonly queueTypeArgument: boolean
  /** Each queue has a `type` field. */
  readonly queueTypeField: boolean
  /** Internal exchanges are written, and every exchange has an `internal` field; 4.3 leaves internal exchanges
   *  out of its exports (their bindings stay, so the file does not import back as it is). */
  readonly internalExchanges: boolean
  /** A vhost export keeps the vhost field of its policies and parameters. */
  readonly vhostFieldInVhostExport: boolean
}

/** What Warren writes for itself (Warren files, share links, the Export menu, the CLI): every entry and field an
 *  import reads back, whatever the version; the management API writes the version's own format. */
export const COMPLETE_DEFINITIONS: DefinitionsFormat = Object.freeze({
  described: false,
  vhostHeader: 'product',
  vhostEntry: 'limits-and-metadata',
  limitsAs: 'list',
  queueTypeArgument: false,
  queueTypeField: true,
  internalExchanges: true,
  vhostFieldInVhostExport: false,
})

export interface VersionProfile {
  readonly version: BrokerVersion
  /** The exact release recorded for this profile: server properties, definitions export. */
  readonly rabbitmqVersion: string
  /** Dead letters carry x-last-death-reason / -queue / -exchange next to x-first-death-*. */
  readonly lastDeathHeaders: boolean
  /** Dead letters that arrive with redelivered set: those of basic.reject (not basic.nack), of the delivery limit. */
  readonly deadLetterRedelivered: { readonly byReject: boolean; readonly byDeliveryLimit: boolean }
  /** A dead letter keeps its CC header when x-dead-letter-routing-key replaces its routing keys (3.x drops it). */
  readonly deadLetterKeepsCC: boolean
  /** A message nacked or rejected back to a quorum queue goes to the front, not the back (a closed channel's always does). */
  readonly quorumReturnsToFront: boolean
  /** A client's own x-death / x-first-death-* headers are read as the message's history (3.x). */
  readonly deadLetterHistoryFromHeaders: boolean
  /** basic.get from a quorum queue shows x-delivery-count even while it is 0 (consumers never see a 0). */
  readonly quorumGetShowsZeroDeliveryCount: boolean
  /** Quorum deliveries carry x-acquired-count: how many times the message was handed out before. */
  readonly quorumAcquiredCountHeader: boolean
  readonly quorumReturnCounting: QuorumReturnCounting
  /** x-delivery-limit of a quorum queue that sets none; undefined = unlimited. */
  readonly quorumDefaultDeliveryLimit: number | undefined
  /** How a quorum queue orders messages by priority: not at all, two levels served 2:1, or strictly by 0-31. */
  readonly quorumPriorities: QuorumPriorities
  /** Single active consumer on a quorum queue goes to the consumer of highest x-priority. */
  readonly quorumSingleActiveByPriority: boolean
  /** x-queue-mode must be `default` or `lazy`; later versions ignore it, whatever its value. */
  readonly queueModeChecked: boolean
  /** Deprecated features that still work but are on their way out: the lint warns about designs using them. */
  readonly deprecatedFeatures: readonly DeprecatedFeature[]
  /** Policy keys of classic queue mirroring (ha-mode, ha-params, ...) are accepted; from 4.0 set_policy refuses them. */
  readonly classicMirroring: boolean
  /** Largest message body accepted, in bytes (max_message_size). */
  readonly maxMessageSize: number
  /** Exchange types that route, besides direct, fanout, topic and headers. */
  readonly extraExchangeTypes: readonly string[]
  /** The oldest amqplib the version accepts, for generated client code; undefined = any. */
  readonly amqplibMinimum: string | undefined
  /** Declaring an exchange of a type the broker lacks closes the channel (406), not the connection (503). */
  readonly unknownExchangeTypeIsChannelError: boolean
  readonly definitionsFormat: DefinitionsFormat

  // ---- found by the wide recorded set (issue 12) ----
  /**
   * An x-delivery-limit that is not a whole number (a fraction, a string) gives way to the default limit; earlier
   * versions take it as it is: a number limits by comparison, anything else never limits (see delivery-limit.ts).
   */
  readonly quorumDeliveryLimitWholeOnly: boolean
  /**
   * When the active consumer of a classic single-active-consumer queue cancels holding unacked messages, nobody takes
   * over until another consumer subscribes or its channel closes, and a publish meanwhile crashes the queue.
   */
  readonly classicSingleActiveCancelStalls: boolean

  // ---- streams (issue 13) ----
  /** Stream filtering: x-stream-filter-value on publish, x-stream-filter / x-stream-match-unfiltered on consume (3.13+). */
  readonly streamFiltering: boolean
  /** Stream deliveries show delivery mode 1 when the publisher set none (messages are stored as mc records from 4.0). */
  readonly streamDeliveryModeShown: boolean
  /** basic.nack and basic.reject on a stream delivery close the connection with 540 NOT_IMPLEMENTED. */
  readonly streamNegativeAckRefused: boolean
  /** A duration with no leading digits ('h', '-1h', 'banana') crashes the parser: 541 INTERNAL_ERROR, not 406. */
  readonly streamDurationCrash: boolean
}

/** Where each behaviour comes from: a release note, a doc page, or the recording that showed it. */
export const BEHAVIOUR_SOURCES: Record<Exclude<keyof VersionProfile, 'version' | 'rabbitmqVersion'>, string> = {
  lastDeathHeaders:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v3.13.0 (x-last-death-* headers); recorded: dlx-on-reject in 4.0/ and 4.3/',
  deadLetterRedelivered:
    'recorded from 4.3.6: version-dead-letter-redelivered, version-quorum-delivery-limit-*, dlx-x-death-two-queues-newest-first (the mark stays through later deaths; 3.10.8 and 4.0.5 never set it)',
  deadLetterKeepsCC:
    'recorded: cc-dead-letter-routing-key-override-removes-cc (4.0.5 and 4.3.6 keep CC, 3.10.8 drops it)',
  quorumReturnsToFront:
    "https://github.com/rabbitmq/rabbitmq-server/releases/tag/v4.0.1 (rabbit_fifo v4: returned messages are delivered first); recorded: quorum-requeue-order, returned-quorum-nack-prefetch1; a closed channel's messages come back first on 3.10.8 too: returned-quorum-channel-close-prefetch1, returned-quorum-get-holder-channel-close",
  deadLetterHistoryFromHeaders:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v4.0.1 (x-death is no longer interpreted when a client publishes it); recorded: version-x-death-republished',
  quorumGetShowsZeroDeliveryCount:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v4.0.1 (x-delivery-count only once a message was returned); recorded: quorum-nack-requeue-delivery-count, version-quorum-consume-delivery-count',
  quorumAcquiredCountHeader:
    'https://www.rabbitmq.com/docs/quorum-queues#poison-message-handling (x-acquired-count, 4.1+); recorded: quorum-nack-requeue-delivery-count in 4.3/',
  quorumReturnCounting:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v4.1.0 (basic.nack no longer counts towards the delivery limit); recorded: version-quorum-return-counting',
  quorumDefaultDeliveryLimit:
    'https://www.rabbitmq.com/docs/quorum-queues#poison-message-handling (default delivery limit 20 from 4.0, -1 disables); recorded: version-quorum-default-delivery-limit',
  quorumPriorities:
    'https://www.rabbitmq.com/docs/quorum-queues#priorities (two priorities from 4.0; 4.3 orders by 0-31); recorded: version-quorum-priorities',
  quorumSingleActiveByPriority:
    'https://www.rabbitmq.com/docs/consumers#single-active-consumer (quorum queues honour consumer priority from 4.0); recorded: version-quorum-sac-consumer-priority',
  queueModeChecked:
    'recorded: version-queue-mode (4.3.6 accepts any x-queue-mode, 3.10.8 and 4.0.5 only default and lazy)',
  deprecatedFeatures:
    'https://www.rabbitmq.com/docs/deprecated-features (recorded: version-transient-non-exclusive-queue and version-global-qos, still permitted by 4.3.6)',
  classicMirroring:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v4.0.1 (classic queue mirroring removed); checked with rabbitmqctl set_policy: 4.0.5 and 4.3.6 answer "are not recognised policy settings", 3.10.8 accepts',
  maxMessageSize:
    'https://www.rabbitmq.com/docs/configure#config-items (max_message_size: 128 MiB in 3.10, 16 MiB from 4.0); recorded: version-max-message-size',
  extraExchangeTypes:
    'https://www.rabbitmq.com/docs/exchanges (x-local-random from 4.0; x-modulus-hash from 4.3; x-consistent-hash with its plugin); recorded: version-exchange-*',
  amqplibMinimum:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v4.1.0 (initial frame_max below 8192 refused; amqplib 0.10.7 sends a valid one)',
  unknownExchangeTypeIsChannelError:
    'recorded: version-exchange-modulus-hash on 4.0.5 (406 PRECONDITION_FAILED); 3.10.8 closes the connection (503 COMMAND_INVALID)',
  definitionsFormat:
    'recorded: tests/management/recorded/{3.10,4.0,4.3}/definitions-all.json and definitions-vhost.json (GET /api/definitions and /api/definitions/{vhost})',
  quorumDeliveryLimitWholeOnly:
    'recorded: quorum-delivery-limit-1p5-rejects, -1p5-past-default, -s2s-past-default (1.5: 3.10.8 and 4.0.5 drop the message after two returns, 4.3.6 after the default 20; "2": 3.10.8 and 4.0.5 never, 4.3.6 after 20); no release note names it',
  classicSingleActiveCancelStalls:
    'recorded from 3.10.8: single-active-classic-cancel-then-ack, -cancel-then-publish, -cancel-then-new-consumer, -cancel-then-channel-close, -cancel-then-get, -cancel-then-publish-durable (4.0.5 and 4.3.6 hand over at once); a 3.10 queue crash of the kind in https://github.com/rabbitmq/rabbitmq-server/issues/5460, reproduced, not fixed',
  streamFiltering:
    'https://www.rabbitmq.com/blog/2023/10/16/stream-filtering (3.13); recorded: stream-filter, stream-filter-declare (3.10.8 ignores the filter)',
  streamDeliveryModeShown: 'recorded: stream-offset-* (4.0.5 and 4.3.6 deliver deliveryMode 1 where 3.10.8 shows none)',
  streamNegativeAckRefused: 'recorded: stream-settle-nack-* and stream-settle-reject-* (3.10.8: 540 NOT_IMPLEMENTED)',
  streamDurationCrash:
    'recorded: stream-declare-max-age-units and stream-offset-invalid (3.10.8 and 4.0.5: 541 INTERNAL_ERROR; 4.3.6: 406)',
}

const MiB = 1024 * 1024

const PROFILE_3_10: VersionProfile = {
  version: '3.10',
  rabbitmqVersion: '3.10.8',
  lastDeathHeaders: false,
  deadLetterRedelivered: { byReject: false, byDeliveryLimit: false },
  deadLetterHistoryFromHeaders: true,
  deadLetterKeepsCC: false,
  quorumReturnsToFront: false,
  quorumGetShowsZeroDeliveryCount: true,
  quorumAcquiredCountHeader: false,
  quorumReturnCounting: { nack: true, reject: true, channelClose: true },
  quorumDefaultDeliveryLimit: undefined,
  quorumPriorities: 'fifo',
  quorumSingleActiveByPriority: false,
  queueModeChecked: true,
  deprecatedFeatures: [],
  classicMirroring: true,
  maxMessageSize: 128 * MiB,
  extraExchangeTypes: ['x-consistent-hash'],
  unknownExchangeTypeIsChannelError: false,
  amqplibMinimum: undefined,
  definitionsFormat: {
    described: false,
    vhostHeader: 'version-only',
    vhostEntry: 'name',
    limitsAs: 'list',
    queueTypeArgument: false,
    queueTypeField: false,
    internalExchanges: true,
    vhostFieldInVhostExport: true,
  },
  quorumDeliveryLimitWholeOnly: false,
  classicSingleActiveCancelStalls: true,
  streamFiltering: false,
  streamDeliveryModeShown: false,
  streamNegativeAckRefused: true,
  streamDurationCrash: true,
}

const PROFILE_4_0: VersionProfile = {
  ...PROFILE_3_10,
  version: '4.0',
  rabbitmqVersion: '4.0.5',
  lastDeathHeaders: true,
  quorumGetShowsZeroDeliveryCount: false,
  deadLetterHistoryFromHeaders: false,
  deadLetterKeepsCC: true,
  quorumReturnsToFront: true,
  quorumDefaultDeliveryLimit: 20,
  quorumPriorities: 'two-levels',
  quorumSingleActiveByPriority: true,
  deprecatedFeatures: ['transient_nonexcl_queues', 'global_qos', 'queue_master_locator', 'ram_node_type'],
  classicMirroring: false,
  maxMessageSize: 16 * MiB,
  extraExchangeTypes: ['x-consistent-hash', 'x-local-random'],
  unknownExchangeTypeIsChannelError: true,
  definitionsFormat: {
    described: true,
    vhostHeader: 'metadata-and-default-queue-type',
    vhostEntry: 'described',
    limitsAs: 'list',
    queueTypeArgument: true,
    queueTypeField: false,
    internalExchanges: true,
    vhostFieldInVhostExport: false,
  },
  classicSingleActiveCancelStalls: false,
  streamFiltering: true,
  streamDeliveryModeShown: true,
  streamNegativeAckRefused: false,
}

const PROFILE_4_3: VersionProfile = {
  ...PROFILE_4_0,
  version: '4.3',
  rabbitmqVersion: '4.3.6',
  deadLetterRedelivered: { byReject: true, byDeliveryLimit: true },
  quorumAcquiredCountHeader: true,
  quorumReturnCounting: { nack: false, reject: true, channelClose: true },
  quorumPriorities: 'strict-0-31',
  queueModeChecked: false,
  extraExchangeTypes: ['x-consistent-hash', 'x-local-random', 'x-modulus-hash'],
  amqplibMinimum: '0.10.7',
  definitionsFormat: {
    described: true,
    vhostHeader: 'metadata',
    vhostEntry: 'limits-and-typed-metadata',
    limitsAs: 'object',
    queueTypeArgument: true,
    queueTypeField: true,
    internalExchanges: false,
    vhostFieldInVhostExport: false,
  },
  quorumDeliveryLimitWholeOnly: true,
  streamDurationCrash: false,
}

export const PROFILES: Readonly<Record<BrokerVersion, VersionProfile>> = {
  '3.10': Object.freeze(PROFILE_3_10),
  '4.0': Object.freeze(PROFILE_4_0),
  '4.3': Object.freeze(PROFILE_4_3),
}

export function isBrokerVersion(value: unknown): value is BrokerVersion {
  return typeof value === 'string' && (BROKER_VERSIONS as readonly string[]).includes(value)
}

/** The profile closest to a RabbitMQ release string ("3.13.7", "4.2.1"): the newest one not after it. */
export function profileForRelease(release: string): VersionProfile | undefined {
  const [major, minor] = release.split('.').map((part) => Number.parseInt(part, 10))
  if (!Number.isInteger(major) || !Number.isInteger(minor)) return undefined
  const value = major * 100 + minor
  let best: VersionProfile | undefined
  for (const version of BROKER_VERSIONS) {
    const [pMajor, pMinor] = version.split('.').map(Number)
    if (pMajor * 100 + pMinor <= value) best = PROFILES[version]
  }
  return best ?? PROFILES['3.10']
}
