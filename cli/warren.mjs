#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `warren` works straight from a checkout.
import { register } from 'tsx/esm/api'

register()
await import('./warren.ts')
