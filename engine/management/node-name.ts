// The name of a single-node broker, and of a cluster's first node.
export const NODE_NAME = 'rabbit@n1'
