// Designs a lesson replaced: saved whole (a Warren file) before the lesson empties the broker, listed in
// File → Recent designs, and opened again in one click.

import { create } from 'zustand'
import { lessonsDb, type KeptDesign } from './lessons-db.ts'

/** How many kept designs File → Recent designs lists; older ones are deleted. */
const KEEP = 8

interface KeptDesignsState {
  designs: KeptDesign[] // newest first
}
export const useKeptDesigns = create<KeptDesignsState>(() => ({ designs: [] }))

export async function loadKeptDesigns(): Promise<void> {
  const db = await lessonsDb()
  const designs = (await db.getAllFromIndex('designs', 'savedAt')).reverse()
  useKeptDesigns.setState({ designs })
}

export async function keepDesign(design: Omit<KeptDesign, 'id'>): Promise<KeptDesign> {
  const db = await lessonsDb()
  const kept: KeptDesign = { ...design, id: `design-${design.savedAt}-${Math.floor(Math.random() * 1e6)}` }
  await db.put('designs', kept)
  const all = (await db.getAllFromIndex('designs', 'savedAt')).reverse()
  for (const old of all.slice(KEEP)) await db.delete('designs', old.id)
  useKeptDesigns.setState({ designs: all.slice(0, KEEP) })
  return kept
}

export async function keptDesign(id: string): Promise<KeptDesign | undefined> {
  return (await lessonsDb()).get('designs', id)
}
