// The inspector's editors, one lazy chunk (Inspector.tsx): loaded with the first selection.

export { BindingGroupInspector } from './BindingGroupInspector.tsx'
export { BindingInspector } from './BindingInspector.tsx'
export { ConsumerInspector } from './ConsumerInspector.tsx'
export { AlternateInspector, DeadLetterInspector } from './EdgeInspectors.tsx'
export { ExchangeInspector } from './ExchangeInspector.tsx'
export { ProducerInspector } from './ProducerInspector.tsx'
export { QueueInspector } from './QueueInspector.tsx'
export { QueueMembers } from './QueueMembers.tsx'
