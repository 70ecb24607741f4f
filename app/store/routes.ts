// Edge routes from the last auto-layout, in a store of their own: the canvas draws an edge along its route
// while both ends stay where the layout put them, and as a curve once one is moved.

import { create } from 'zustand'
import type { Route } from '../design/layout.ts'

export const useRoutes = create<{ routes: Record<string, Route> }>()(() => ({ routes: {} }))

export const setRoutes = (routes: Record<string, Route>) => useRoutes.setState({ routes })
