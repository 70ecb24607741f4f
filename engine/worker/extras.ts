// The worker's second chunk, imported on the first command that needs it (see command-kinds.ts): definitions
// in and out, the management API, route explanation, code generation, and the design's other brokers with
// their shovels and federation. A default broker starts and runs its simulation without it.

export { runToolCommand } from './tool-commands.ts'
export { WorkerDesign } from './design-commands.ts'
