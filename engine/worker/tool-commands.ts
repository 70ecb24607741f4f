// Commands beyond AMQP: simulated producers and consumers, definitions in and out, policies, vhosts,
// lint, route explanation and client code. Pure functions over the broker and its simulation.

import { PROFILES, type BrokerVersion } from '../profile.ts'
import { versionChanges, type VersionChange } from '../version-changes.ts'
import { Broker } from '../broker.ts'
import { ManualClock } from '../clock.ts'
import { asyncApiDocument } from '../definitions/asyncapi.ts'
import { type Drift, driftOf, type PlanStep, planDeploy } from '../definitions/deploy-plan.ts'
import { amqplibScript, pikaScript } from '../definitions/client-code.ts'
import { exportDefinitions, exportVhostDefinitions } from '../definitions/export.ts'
import { DefinitionsError, importDefinitions, type ImportResult } from '../definitions/import.ts'
import { AmqpError } from '../errors.ts'
import {
  effectiveSettingsOf,
  policyTargets,
  type EffectiveSettings,
  type PolicyTargets,
} from '../effective-settings.ts'
import { explainRoute, type RouteExplanation } from '../explain.ts'
import { lintBroker, type LintFinding } from '../lint.ts'
import { managementOf } from '../management/api.ts'
import type { ManagementRequest, ManagementResponse } from '../management/http.ts'
import type { FieldTable } from '../model.ts'
import type { PolicyDef } from '../policy.ts'
import type { Simulation } from '../simulation/simulation.ts'
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

// Written as an object so the compiler lists a tool command missing here, or one that is not a ToolCommand.
const TOOL_COMMAND_TYPES = {
  simSetProducer: true,
  simRemoveProducer: true,
  simProducer: true,
  simBurst: true,
  simSetConsumer: true,
  simRemoveConsumer: true,
  simConsumer: true,
  simStatus: true,
  simRestore: true,
  simSeed: true,
  importDefinitions: true,
  exportDefinitions: true,
  setPolicy: true,
  clearPolicy: true,
  listPolicies: true,
  effectiveSettings: true,
  policyTargets: true,
  addVhost: true,
  deleteVhost: true,
  lint: true,
  explainRoute: true,
  clientCode: true,
  asyncapi: true,
  deployPlan: true,
  drift: true,
  management: true,
  versionChanges: true,
} as const satisfies Record<ToolCommand['type'], true>

const TOOL_COMMANDS: ReadonlySet<string> = new Set(Object.keys(TOOL_COMMAND_TYPES))

export interface SimulationStatus {
  seed: number
  producers: ProducerStatus[]
  consumers: ConsumerStatus[]
}

export type ToolResult = ToolReplies[ToolCommand['type']]

export function isToolCommand(command: { type: string }): command is ToolCommand {
  return TOOL_COMMANDS.has(command.type)
}

/** Runs a tool command; its result is the reply ToolReplies names for the command's type. */
export function runToolCommand<C extends ToolCommand>(
  broker: Broker,
  simulation: Simulation,
  command: C,
): ToolReplies[C['type']]
export function runToolCommand(broker: Broker, simulation: Simulation, command: ToolCommand): ToolResult {
  switch (command.type) {
    case 'simSetProducer':
      simulation.setProducer(command.spec)
      return null
    case 'simRemoveProducer':
      simulation.removeProducer(command.id)
      return null
    case 'simProducer':
      if (command.action === 'start') simulation.startProducer(command.id)
      else simulation.stopProducer(command.id)
      return null
    case 'simBurst':
      simulation.burstProducer(command.id, command.count)
      return null
    case 'simSetConsumer':
      simulation.setConsumer(command.spec)
      return null
    case 'simRemoveConsumer':
      simulation.removeConsumer(command.id)
      return null
    case 'simConsumer':
      switch (command.action) {
        case 'crash':
          simulation.crashConsumer(command.id)
          break
        case 'offline':
          simulation.setConsumerOnline(command.id, false)
          break
        case 'online':
          simulation.setConsumerOnline(command.id, true)
          break
        case 'slowdown':
          simulation.setConsumerSlowdown(command.id, command.factor ?? 1)
          break
      }
      return null
    case 'simStatus':
      return simulation.status()
    case 'simRestore':
      simulation.restore(command.producers, command.consumers)
      return null
    case 'simSeed':
      if (!Number.isInteger(command.seed)) throw new RangeError('the seed must be an integer')
      simulation.reseed(command.seed)
      return null
    case 'importDefinitions':
      try {
        return importDefinitions(command.dryRun ? scratchBroker(broker) : broker, command.definitions, command.vhost)
      } catch (error) {
        if (error instanceof DefinitionsError) throw new AmqpError('PRECONDITION_FAILED', error.message)
        throw error
      }
    case 'exportDefinitions':
      return command.vhost === null ? exportDefinitions(broker) : exportVhostDefinitions(broker, command.vhost)
    case 'setPolicy':
      vhostOf(broker, command.vhost).setPolicy(command.policy, !!command.operator)
      return null
    case 'clearPolicy':
      vhostOf(broker, command.vhost).clearPolicy(command.name, !!command.operator)
      return null
    case 'listPolicies': {
      const vhost = vhostOf(broker, command.vhost)
      return [...(command.operator ? vhost.operatorPolicies : vhost.policies).values()]
    }
    case 'effectiveSettings':
      if (command.kind !== 'queue' && command.kind !== 'exchange')
        throw new AmqpError('COMMAND_INVALID', `kind must be queue or exchange, not ${JSON.stringify(command.kind)}`)
      return effectiveSettingsOf(vhostOf(broker, command.vhost), command.kind, command.name)
    case 'policyTargets':
      return policyTargets(vhostOf(broker, command.vhost))
    case 'addVhost':
      if (!command.name) throw new AmqpError('PRECONDITION_FAILED', 'a vhost needs a name')
      broker.addVhost(command.name)
      return null
    case 'deleteVhost':
      broker.deleteVhost(command.name)
      return null
    case 'lint':
      return lintBroker(broker)
    case 'explainRoute':
      return explainRoute(vhostOf(broker, command.vhost), command.exchange, command.routingKey, command.headers)
    case 'clientCode':
      return command.language === 'pika' ? pikaScript(broker, command.vhost) : amqplibScript(broker, command.vhost)
    case 'asyncapi':
      return asyncApiDocument(broker, command.vhost, command.producers, command.consumers)
    case 'deployPlan':
      return planDeploy(designDefinitions(broker, command.vhost), liveDefinitions(command.live), command.vhost, {
        prune: command.prune,
        depths: new Map(command.depths),
      })
    case 'drift':
      return driftOf(designDefinitions(broker, command.vhost), liveDefinitions(command.live), command.vhost)
    case 'management':
      return managementOf(broker, broker.profile.version).handle(command.request)
    case 'versionChanges':
      return versionChanges(broker, PROFILES[command.version])
    default: {
      const unreachable: never = command
      throw new AmqpError('COMMAND_INVALID', `unknown command ${JSON.stringify(unreachable)}`)
    }
  }
}

/**
 * An empty in-memory broker for a dry-run import: no durable log, no events, and a clock of its own that
 * stands at the broker's time and never moves, so nothing it schedules ever fires.
 */
function scratchBroker(broker: Broker): Broker {
  return new Broker({ clock: new ManualClock(broker.clock.now()), seed: broker.seed, version: broker.profile.version })
}

function vhostOf(broker: Broker, name: string) {
  const vhost = broker.vhosts.get(name)
  if (!vhost) throw new AmqpError('NOT_FOUND', `no vhost '${name}'`)
  return vhost
}

function designDefinitions(broker: Broker, vhost: string | null): Record<string, unknown> {
  return vhost === null ? exportDefinitions(broker) : exportVhostDefinitions(broker, vhost)
}

function liveDefinitions(live: unknown): Record<string, unknown> {
  if (!live || typeof live !== 'object' || Array.isArray(live))
    throw new AmqpError('PRECONDITION_FAILED', "the broker's definitions are not a JSON object")
  return live as Record<string, unknown>
}
