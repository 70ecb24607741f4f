// The tool commands a broker needs from its start: simulated producers and consumers, policies, vhosts and lint.
// The worker's first chunk runs them; the others wait for extras.ts (tool-commands.ts).

import type { Broker } from '../broker.ts'
import { effectiveSettingsOf, policyTargets } from '../effective-settings.ts'
import { AmqpError } from '../errors.ts'
import { lintBroker } from '../lint.ts'
import type { Simulation } from '../simulation/simulation.ts'
import type { CoreToolCommand } from './command-kinds.ts'
import type { ToolReplies, ToolResult } from './command-types.ts'

export function runCoreToolCommand<C extends CoreToolCommand>(
  broker: Broker,
  simulation: Simulation,
  command: C,
): ToolReplies[C['type']]
export function runCoreToolCommand(broker: Broker, simulation: Simulation, command: CoreToolCommand): ToolResult {
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
    default: {
      const unreachable: never = command
      throw new AmqpError('COMMAND_INVALID', `unknown command ${JSON.stringify(unreachable)}`)
    }
  }
}

export function vhostOf(broker: Broker, name: string) {
  const vhost = broker.vhosts.get(name)
  if (!vhost) throw new AmqpError('NOT_FOUND', `no vhost '${name}'`)
  return vhost
}
