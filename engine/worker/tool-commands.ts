// Commands beyond AMQP: definitions in and out, route explanation, client code, deploy plans and the
// management API, with the ones a broker needs from its start (core-tools.ts). Pure functions over the broker.

import { PROFILES } from '../profile.ts'
import { versionChanges } from '../version-changes.ts'
import { Broker } from '../broker.ts'
import { ManualClock } from '../clock.ts'
import { asyncApiDocument } from '../definitions/asyncapi.ts'
import { driftOf, planDeploy } from '../definitions/deploy-plan.ts'
import { amqplibScript, pikaScript } from '../definitions/client-code.ts'
import { exportDefinitions, exportVhostDefinitions } from '../definitions/export.ts'
import { DefinitionsError, importDefinitions } from '../definitions/import.ts'
import { AmqpError } from '../errors.ts'
import { explainRoute } from '../explain.ts'
import { isCoreToolCommand } from './command-kinds.ts'
import { runCoreToolCommand, vhostOf } from './core-tools.ts'
import { managementOf } from '../management/api.ts'
import type { Simulation } from '../simulation/simulation.ts'
import type { ToolCommand, ToolReplies, ToolResult } from './command-types.ts'

export type { SimulationStatus, ToolCommand, ToolReplies, ToolResult } from './command-types.ts'
export { isToolCommand } from './command-kinds.ts'

/** Runs a tool command; its result is the reply ToolReplies names for the command's type. */
export function runToolCommand<C extends ToolCommand>(
  broker: Broker,
  simulation: Simulation,
  command: C,
): ToolReplies[C['type']]
export function runToolCommand(broker: Broker, simulation: Simulation, command: ToolCommand): ToolResult {
  if (isCoreToolCommand(command)) return runCoreToolCommand(broker, simulation, command)
  switch (command.type) {
    case 'importDefinitions':
      try {
        return importDefinitions(command.dryRun ? scratchBroker(broker) : broker, command.definitions, command.vhost)
      } catch (error) {
        if (error instanceof DefinitionsError) throw new AmqpError('PRECONDITION_FAILED', error.message)
        throw error
      }
    case 'exportDefinitions':
      return command.vhost === null ? exportDefinitions(broker) : exportVhostDefinitions(broker, command.vhost)
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

function designDefinitions(broker: Broker, vhost: string | null): Record<string, unknown> {
  return vhost === null ? exportDefinitions(broker) : exportVhostDefinitions(broker, vhost)
}

function liveDefinitions(live: unknown): Record<string, unknown> {
  if (!live || typeof live !== 'object' || Array.isArray(live))
    throw new AmqpError('PRECONDITION_FAILED', "the broker's definitions are not a JSON object")
  return live as Record<string, unknown>
}
