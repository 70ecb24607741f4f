// How many nodes a saved broker's cluster has, kept in the meta store beside it, so a restart or a reload
// brings the same nodes back (all running, healed). A database without it is a single node.

import { MAX_CLUSTER_SIZE } from '../cluster/cluster.ts'
import type { WarrenDatabase } from './db.ts'

export const CLUSTER_SIZE_KEY = 'cluster-size'

export async function loadClusterSize(db: WarrenDatabase): Promise<number> {
  const stored = await db.get('meta', CLUSTER_SIZE_KEY)
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 1 && stored <= MAX_CLUSTER_SIZE
    ? stored
    : 1
}
