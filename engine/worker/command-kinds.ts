// Which commands the worker's first chunk answers, and which wait for extras.ts (definitions, management API,
// code generation, the design's other brokers): the sets live here so telling them apart loads neither.

import type { DesignCommand, ToolCommand } from './command-types.ts'

/** The design's own broker, the one a connect without a broker name reaches. */
export const FIRST_BROKER = 'local'
/** The meta record that keeps the other brokers' definitions; renaming it loses them. */
export const BROKERS_META_KEY = 'brokers'

// Written as objects so the compiler lists a command missing here, or one that is not of the kind.
const TOOL_COMMAND_TYPES = {
  simSetProducer: 'core',
  simRemoveProducer: 'core',
  simProducer: 'core',
  simBurst: 'core',
  simSetConsumer: 'core',
  simRemoveConsumer: 'core',
  simConsumer: 'core',
  simStatus: 'core',
  simRestore: 'core',
  simSeed: 'core',
  importDefinitions: 'extra',
  exportDefinitions: 'extra',
  setPolicy: 'core',
  clearPolicy: 'core',
  listPolicies: 'core',
  effectiveSettings: 'core',
  policyTargets: 'core',
  addVhost: 'core',
  deleteVhost: 'core',
  lint: 'core', // the first view's lint count, 400 ms after the topology settles
  explainRoute: 'extra',
  clientCode: 'extra',
  asyncapi: 'extra',
  deployPlan: 'extra',
  drift: 'extra',
  management: 'extra',
  versionChanges: 'extra',
} as const satisfies Record<ToolCommand['type'], 'core' | 'extra'>

type CoreToolType = {
  [K in keyof typeof TOOL_COMMAND_TYPES]: (typeof TOOL_COMMAND_TYPES)[K] extends 'core' ? K : never
}[keyof typeof TOOL_COMMAND_TYPES]
/** The tool commands a broker needs from its start: the simulation, policies, vhosts and lint. */
export type CoreToolCommand = Extract<ToolCommand, { type: CoreToolType }>

// 'core': answered as the design of one broker while extras.ts is not loaded (the canvas polls them from the start).
const DESIGN_COMMAND_TYPES = {
  brokersList: 'core',
  brokerAdd: 'extra',
  brokerRemove: 'extra',
  brokerManagement: 'extra',
  linkState: 'extra',
  linkLatency: 'extra',
  linksList: 'core',
} as const satisfies Record<DesignCommand['type'], 'core' | 'extra'>

const TOOL_COMMANDS: ReadonlyMap<string, 'core' | 'extra'> = new Map(Object.entries(TOOL_COMMAND_TYPES))
const DESIGN_COMMANDS: ReadonlyMap<string, 'core' | 'extra'> = new Map(Object.entries(DESIGN_COMMAND_TYPES))

export function isToolCommand(command: { type: string }): command is ToolCommand {
  return TOOL_COMMANDS.has(command.type)
}

export function isCoreToolCommand(command: { type: string }): command is CoreToolCommand {
  return TOOL_COMMANDS.get(command.type) === 'core'
}

export function isDesignCommand(command: { type: string }): command is DesignCommand {
  return DESIGN_COMMANDS.has(command.type)
}

/** A command the worker can answer only once extras.ts is loaded. */
export function needsExtras(command: { type: string; broker?: unknown }): boolean {
  if (command.type === 'connect') return command.broker !== undefined && command.broker !== FIRST_BROKER
  return TOOL_COMMANDS.get(command.type) === 'extra' || DESIGN_COMMANDS.get(command.type) === 'extra'
}

/** The database of another broker of the design: beside the first broker's, named after both. */
export const otherBrokerDbName = (dbName: string, broker: string) => `${dbName}@${broker}`
