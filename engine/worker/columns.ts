// Batches sent column by column: one array per field instead of one object per row, which is far
// cheaper to structured-clone (no property names per row) across postMessage and into IndexedDB.

/** One value for every row, or one value per row. `T` must not itself be an array. */
export type Column<T> = T | T[]

export function columnAt<T>(column: Column<T>, i: number): T {
  return Array.isArray(column) ? (column as T[])[i] : (column as T)
}

/** Collapses a column whose rows all hold the same value (by identity) into that value. */
export function compactColumn<T>(values: T[]): Column<T> {
  if (values.length === 0) return values
  const first = values[0]
  if (Array.isArray(first)) return values
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return values
  return first
}
