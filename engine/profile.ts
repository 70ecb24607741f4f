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

export interface VersionProfile {
  readonly version: BrokerVersion
  /** The exact release recorded for this profile: server properties, definitions export. */
  readonly rabbitmqVersion: string
  /** Dead letters carry x-last-death-reason / -queue / -exchange next to x-first-death-*. */
  readonly lastDeathHeaders: boolean
  /** A message dead-lettered by basic.reject (not basic.nack) arrives with redelivered set. */
  readonly rejectedDeadLetterRedelivered: boolean
  /** Quorum deliveries carry x-delivery-count even while it is 0 (before any return). */
  readonly quorumDeliveryCountWhenZero: boolean
  /** Quorum deliveries carry x-acquired-count: how many times the message was handed out before. */
  readonly quorumAcquiredCountHeader: boolean
  readonly quorumReturnCounting: QuorumReturnCounting
  /** x-delivery-limit of a quorum queue that sets none; undefined = unlimited. */
  readonly quorumDefaultDeliveryLimit: number | undefined
  /** A transient (non-durable) queue that is not exclusive is refused. */
  readonly refuseTransientNonExclusive: boolean
  /** basic.qos with global=true is refused. */
  readonly refuseGlobalQos: boolean
  /** Any x-queue-mode argument is refused (lazy mode is gone). */
  readonly refuseQueueMode: boolean
  /** An empty binding key on a topic exchange is refused. */
  readonly refuseEmptyTopicBindingKey: boolean
  /** Policy keys of classic queue mirroring (ha-mode, ha-params, ...) are accepted and do something. */
  readonly classicMirroring: boolean
  /** Largest message body accepted, in bytes (max_message_size). */
  readonly maxMessageSize: number
  /** Exchange types that route, besides direct, fanout, topic and headers. */
  readonly extraExchangeTypes: readonly string[]
}

/** Where each behaviour comes from: a release note, a doc page, or the recording that showed it. */
export const BEHAVIOUR_SOURCES: Record<Exclude<keyof VersionProfile, 'version' | 'rabbitmqVersion'>, string> = {
  lastDeathHeaders:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v3.13.0 (x-last-death-* headers); recorded: dlx-on-reject in 4.0/ and 4.3/',
  rejectedDeadLetterRedelivered:
    'recorded from 4.3.6: dlx-on-reject (redelivered true) against dlx-on-nack (false); 3.10.8 and 4.0.5 give false',
  quorumDeliveryCountWhenZero:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v4.0.1 (x-delivery-count only once a message was returned); recorded: quorum-nack-requeue-delivery-count',
  quorumAcquiredCountHeader:
    'https://www.rabbitmq.com/docs/quorum-queues#poison-message-handling (x-acquired-count, 4.1+); recorded: quorum-nack-requeue-delivery-count in 4.3/',
  quorumReturnCounting:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v4.1.0 (basic.nack no longer counts towards the delivery limit); recorded: version-quorum-return-counting',
  quorumDefaultDeliveryLimit:
    'https://www.rabbitmq.com/docs/quorum-queues#poison-message-handling (default delivery limit 20 from 4.0, -1 disables); recorded: version-quorum-default-delivery-limit',
  refuseTransientNonExclusive:
    'https://www.rabbitmq.com/docs/deprecated-features (transient_nonexcl_queues denied by default in 4.3); recorded: version-transient-non-exclusive-queue',
  refuseGlobalQos:
    'https://www.rabbitmq.com/docs/deprecated-features (global_qos denied by default in 4.3); recorded: version-global-qos',
  refuseQueueMode:
    'https://www.rabbitmq.com/docs/deprecated-features (queue_mode / lazy queues); recorded: version-queue-mode',
  refuseEmptyTopicBindingKey: 'recorded from 4.3.6: version-topic-empty-binding-key (406 PRECONDITION_FAILED)',
  classicMirroring:
    'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v4.0.1 (classic queue mirroring removed; ha-* policy keys have no effect)',
  maxMessageSize:
    'https://www.rabbitmq.com/docs/configure#config-items (max_message_size: 128 MiB in 3.10, 16 MiB from 4.0)',
  extraExchangeTypes:
    'https://www.rabbitmq.com/docs/exchanges (x-local-random from 4.0; x-modulus-hash from 4.3; x-consistent-hash with its plugin); recorded: version-exchange-*',
}

const MiB = 1024 * 1024

const PROFILE_3_10: VersionProfile = {
  version: '3.10',
  rabbitmqVersion: '3.10.8',
  lastDeathHeaders: false,
  rejectedDeadLetterRedelivered: false,
  quorumDeliveryCountWhenZero: true,
  quorumAcquiredCountHeader: false,
  quorumReturnCounting: { nack: true, reject: true, channelClose: true },
  quorumDefaultDeliveryLimit: undefined,
  refuseTransientNonExclusive: false,
  refuseGlobalQos: false,
  refuseQueueMode: false,
  refuseEmptyTopicBindingKey: false,
  classicMirroring: true,
  maxMessageSize: 128 * MiB,
  extraExchangeTypes: ['x-consistent-hash'],
}

const PROFILE_4_0: VersionProfile = {
  ...PROFILE_3_10,
  version: '4.0',
  rabbitmqVersion: '4.0.5',
  lastDeathHeaders: true,
  quorumDeliveryCountWhenZero: false,
  quorumDefaultDeliveryLimit: 20,
  classicMirroring: false,
  maxMessageSize: 16 * MiB,
  extraExchangeTypes: ['x-consistent-hash', 'x-local-random'],
}

const PROFILE_4_3: VersionProfile = {
  ...PROFILE_4_0,
  version: '4.3',
  rabbitmqVersion: '4.3.6',
  rejectedDeadLetterRedelivered: true,
  quorumAcquiredCountHeader: true,
  quorumReturnCounting: { nack: false, reject: true, channelClose: true },
  refuseTransientNonExclusive: true,
  refuseGlobalQos: true,
  refuseQueueMode: true,
  refuseEmptyTopicBindingKey: true,
  extraExchangeTypes: ['x-consistent-hash', 'x-local-random', 'x-modulus-hash'],
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
