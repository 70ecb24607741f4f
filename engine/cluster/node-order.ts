/** rabbit@n2 before rabbit@n10: nodes in the order of their numbers. */
export function byNodeNumber(a: string, b: string): number {
  return Number(a.slice(a.lastIndexOf('n') + 1)) - Number(b.slice(b.lastIndexOf('n') + 1))
}
