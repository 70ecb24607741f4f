// The shapes of the worker's commands beyond AMQP (tool-commands.ts, design-commands.ts) and their replies,
// as types only: the protocol, the page and the command kinds read them without loading the code that runs them.

import type { BrokerVersion } from '../profile.ts'
import type { VersionChange } from '../version-changes.ts'
import type { Drift, PlanStep } from '../definitions/deploy-plan.ts'
import type { ImportResult } from '../definitions/import.ts'
import type { DesignBrokerInfo } from '../design/design.ts'
import type { LinkStatus } from '../design/links.ts'
import type { EffectiveSettings, PolicyTargets } from '../effective-settings.ts'
import type { RouteExplanation } from '../explain.ts'
import type { LintFinding } from '../lint.ts'
import type { ManagementRequest, ManagementResponse } from '../management/http.ts'
import type { FieldTable } from '../model.ts'
import type { PolicyDef } from '../policy.ts'
import type {
  ConsumerRestore,
  ConsumerSpec,
  ConsumerStatus,
  ProducerRestore,
  ProducerSpec,
  ProducerStatus,
} from '../simulation/specs.ts'

export type ToolCommand =
  | { type: 'simSetProducer'; spec: ProducerSpec }
  | { type: 'simRemoveProducer'; id: string }
  | { type: 'simProducer'; id: string; action: 'start' | 'stop' }
  | { type: 'simBurst'; id: string; count: number } // `count` messages at once from the producer, running or not
  | { type: 'simSetConsumer'; spec: ConsumerSpec }
  | { type: 'simRemoveConsumer'; id: string }
  | { type: 'simConsumer'; id: string; action: 'crash' | 'offline' | 'online' | 'slowdown'; factor?: number }
  | { type: 'simStatus' } // -> SimulationStatus
  /** Counts and offline consumers from before a restart (a page reload), sent before the nodes are set. */
  | { type: 'simRestore'; producers: ProducerRestore[]; consumers: ConsumerRestore[] }
  | { type: 'simSeed'; seed: number } // the same seed and design replay the same run
  /** -> ImportResult. With dryRun, the import runs in a fresh scratch broker and the broker itself is untouched. */
  | { type: 'importDefinitions'; definitions: unknown; vhost: string | null; dryRun?: boolean }
  | { type: 'exportDefinitions'; vhost: string | null } // -> definitions JSON
  | { type: 'setPolicy'; vhost: string; policy: PolicyDef; operator?: boolean }
  | { type: 'clearPolicy'; vhost: string; name: string; operator?: boolean }
  | { type: 'listPolicies'; vhost: string; operator?: boolean } // -> PolicyDef[]
  | { type: 'effectiveSettings'; vhost: string; kind: 'queue' | 'exchange'; name: string } // -> EffectiveSettings
  | { type: 'policyTargets'; vhost: string } // -> PolicyTargets[]
  | { type: 'addVhost'; name: string }
  | { type: 'deleteVhost'; name: string }
  | { type: 'lint' } // -> LintFinding[]
  | { type: 'explainRoute'; vhost: string; exchange: string; routingKey: string; headers: FieldTable } // -> RouteExplanation
  | { type: 'clientCode'; vhost: string; language: 'amqplib' | 'pika' } // -> string
  /** -> an AsyncAPI 3.0 document of the vhost, with the design's producers and consumers as its operations */
  | { type: 'asyncapi'; vhost: string; producers: ProducerSpec[]; consumers: ConsumerSpec[] }
  /** -> PlanStep[]: the management API calls that make a live broker's definitions match this broker's */
  | { type: 'deployPlan'; live: unknown; vhost: string | null; prune: boolean; depths: [string, number][] }
  /** -> Drift[]: what differs between this broker (the design) and a live broker's definitions */
  | { type: 'drift'; live: unknown; vhost: string | null }
  /** -> ManagementResponse: RabbitMQ's management HTTP API, answered by this broker. */
  | { type: 'management'; request: ManagementRequest }
  | { type: 'versionChanges'; version: BrokerVersion } // -> VersionChange[]: what switching to `version` changes

/** What each tool command answers (see CommandReplies in protocol.ts). */
export interface ToolReplies {
  simSetProducer: null
  simRemoveProducer: null
  simProducer: null
  simBurst: null
  simSetConsumer: null
  simRemoveConsumer: null
  simConsumer: null
  simStatus: SimulationStatus
  simRestore: null
  simSeed: null
  importDefinitions: ImportResult
  exportDefinitions: Record<string, unknown>
  setPolicy: null
  clearPolicy: null
  listPolicies: PolicyDef[]
  effectiveSettings: EffectiveSettings
  policyTargets: PolicyTargets[]
  addVhost: null
  deleteVhost: null
  lint: LintFinding[]
  explainRoute: RouteExplanation
  clientCode: string
  asyncapi: Record<string, unknown>
  deployPlan: PlanStep[]
  drift: Drift[]
  management: ManagementResponse
  versionChanges: VersionChange[]
}

export interface SimulationStatus {
  seed: number
  producers: ProducerStatus[]
  consumers: ConsumerStatus[]
}

export type ToolResult = ToolReplies[ToolCommand['type']]

export type DesignCommand =
  | { type: 'brokersList' } // -> DesignBrokerInfo[], the first broker first
  | { type: 'brokerAdd'; name: string; version?: BrokerVersion; nodes?: number } // -> DesignBrokerInfo[]
  | { type: 'brokerRemove'; name: string } // -> DesignBrokerInfo[]
  | { type: 'brokerManagement'; broker: string; request: ManagementRequest } // that broker's management API
  | { type: 'linkState'; a: string; b: string; state: 'cut' | 'pause' | 'restore' } // -> LinkStatus[]
  | { type: 'linkLatency'; a: string; b: string; ms: number } // -> LinkStatus[]
  | { type: 'linksList' } // -> LinkStatus[]

export interface DesignReplies {
  brokersList: DesignBrokerInfo[]
  brokerAdd: DesignBrokerInfo[]
  brokerRemove: DesignBrokerInfo[]
  brokerManagement: ManagementResponse
  linkState: LinkStatus[]
  linkLatency: LinkStatus[]
  linksList: LinkStatus[]
}
