// The one animation loop: event batches become hops (flight-map.ts), the sampler picks which get a dot,
// and each dot is a pooled div moved along its edge's path by a Web Animation (transform keyframes at
// points of the path), started and retired here without React. Hops of one message chain: a dot
// leaves a node when the previous one got there.

import type { BrokerEvent } from '../../../engine/events.ts'
import { useAppStore, type AppState } from '../../store/index.ts'
import { HOP_MS, publishFigures, Sampler, useFlights, motionOn } from '../../store/flights.ts'
import { FlightIndex, FlightMemory, mapEvents, type Flight } from './flight-map.ts'

const PATH_POINTS = 12
const MARK_MS = 650
/** A dot that would start later than this behind real time is counted, not drawn. */
const MAX_LAG_MS = 3 * HOP_MS
const TRACK_LIMIT = 8192

interface Pending {
  flight: Flight
  startAt: number
}

interface Alive {
  el: HTMLElement
  animation?: Animation
  endAt: number
  lane: string
  mark: boolean
}

/** First and last points of an SVG path ("M x,y C ... x,y"). */
export function pathEnds(path: string): { source: [number, number]; target: [number, number] } | null {
  const nums = path.match(/-?\d*\.?\d+(?:e-?\d+)?/gi)
  if (!nums || nums.length < 4) return null
  const n = nums.map(Number)
  return { source: [n[0], n[1]], target: [n[n.length - 2], n[n.length - 1]] }
}

/**
 * Points along an edge path at even steps of the curve parameter: React Flow's bezier
 * ("M sx,sy C c1x,c1y c2x,c2y tx,ty"); any other path falls back to the straight line between its ends.
 */
export function pathPoints(path: string, steps = PATH_POINTS): [number, number][] {
  const n = (path.match(/-?\d*\.?\d+(?:e-?\d+)?/gi) ?? []).map(Number)
  if (n.length < 4) return []
  const out: [number, number][] = []
  if (n.length === 8 && /C/i.test(path)) {
    const [x0, y0, x1, y1, x2, y2, x3, y3] = n
    for (let i = 0; i <= steps; i++) {
      const t = i / steps
      const u = 1 - t
      const a = u * u * u,
        b = 3 * u * u * t,
        c = 3 * u * t * t,
        d = t * t * t
      out.push([a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3])
    }
    return out
  }
  return [
    [n[0], n[1]],
    [n[n.length - 2], n[n.length - 1]],
  ]
}

function track(map: Map<number, number>, id: number, at: number) {
  map.set(id, Math.max(map.get(id) ?? 0, at))
  if (map.size > TRACK_LIMIT) map.delete(map.keys().next().value as number)
}

export class FlightController {
  private layer: HTMLElement | null = null
  private readonly paths = new Map<string, string>()
  private index: FlightIndex | null = null
  private readonly memory = new FlightMemory()
  readonly sampler = new Sampler()
  // Flashes at nodes: one at a time per node end, a few in all (at 10,000 acks a second they would swamp the page).
  private readonly marks = new Sampler(1, 16)
  private pending: Pending[] = []
  private idle: HTMLElement[] = []
  private alive: Alive[] = []
  private frame = 0
  private ticker: ReturnType<typeof setInterval> | null = null
  // When a message's dot reaches its exchange, its queue, its consumer: the next hop starts there.
  private readonly atExchange = new Map<number, number>()
  private readonly atQueue = new Map<number, number>()
  private readonly atConsumer = new Map<number, number>()
  private offStore: (() => void) | null = null
  private offFlights: (() => void) | null = null

  /** Starts counting; returns a stop function. */
  start(subscribe: (listener: (events: BrokerEvent[]) => void) => () => void): () => void {
    const off = subscribe((events) => this.receive(events, performance.now()))
    this.offStore = useAppStore.subscribe((s: AppState, prev: AppState) => {
      if (
        s.exchanges !== prev.exchanges ||
        s.queues !== prev.queues ||
        s.bindings !== prev.bindings ||
        s.producers !== prev.producers ||
        s.consumers !== prev.consumers
      )
        this.index = null
    })
    this.offFlights = useFlights.subscribe((s, prev) => {
      if (motionOn(s) !== motionOn(prev) && !motionOn(s)) this.clear()
    })
    // Rate windows roll every quarter second; the edge labels follow twice a second (they cost a layout each).
    let quarter = 0
    this.ticker = setInterval(() => {
      const figures = this.sampler.tick()
      if (++quarter % 2 === 0) publishFigures(figures, this.sampler.shown)
    }, 250)
    return () => {
      off()
      this.offStore?.()
      this.offFlights?.()
      if (this.ticker) clearInterval(this.ticker)
      this.clear()
    }
  }

  attach(layer: HTMLElement | null): void {
    if (this.layer && this.layer !== layer) {
      this.clear()
      this.idle = []
    }
    this.layer = layer
  }

  setPath(edge: string, path: string | null): void {
    if (path === null) {
      this.paths.delete(edge)
      this.frames.delete(edge)
    } else this.paths.set(edge, path)
  }

  private readonly frames = new Map<string, { path: string; forward: Keyframe[]; reverse: Keyframe[] }>()

  private keyframes(edge: string, path: string, reverse: boolean): Keyframe[] {
    let f = this.frames.get(edge)
    if (!f || f.path !== path) {
      const forward = pathPoints(path).map(([x, y]) => ({
        transform: `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`,
      }))
      f = { path, forward, reverse: [...forward].reverse() }
      this.frames.set(edge, f)
    }
    return reverse ? f.reverse : f.forward
  }

  private getIndex(): FlightIndex {
    this.index ??= new FlightIndex(useAppStore.getState())
    return this.index
  }

  receive(events: readonly BrokerEvent[], now: number): void {
    const flights = mapEvents(events, this.getIndex(), this.memory, useAppStore.getState().vhost)
    const draw = motionOn(useFlights.getState()) && this.layer !== null
    for (const f of flights) this.schedule(f, now, draw)
    if (this.pending.length > 0) this.loop()
  }

  private schedule(f: Flight, now: number, draw: boolean): void {
    let startAt = now
    if (f.kind === 'move') {
      // Where the dot starts and where the message will be when it arrives; only drawn dots are tracked.
      const edge = f.edge
      let arrive: Map<number, number> | null = null
      let id = f.messageId
      if (edge.startsWith('publish:')) arrive = this.atExchange
      else if (edge.startsWith('binding:') || edge.startsWith('alternate:')) {
        startAt = Math.max(now, this.atExchange.get(f.messageId) ?? now) + f.step * HOP_MS
        arrive = this.atQueue
      } else if (edge.startsWith('consume:') && f.reverse === true) {
        startAt = Math.max(now, this.atConsumer.get(f.messageId) ?? now)
        arrive = this.atQueue
      } else if (edge.startsWith('consume:')) {
        startAt = Math.max(now, this.atQueue.get(f.messageId) ?? now)
        arrive = this.atConsumer
      } else if (edge.startsWith('deadLetter:')) {
        startAt = Math.max(now, this.atQueue.get(f.messageId) ?? now)
        if (f.next !== undefined) {
          arrive = this.atExchange
          id = f.next
        }
      }
      if (this.sampler.admit(edge, draw && startAt - now <= MAX_LAG_MS && this.paths.has(edge))) {
        this.pending.push({ flight: f, startAt })
        if (arrive) track(arrive, id, startAt + HOP_MS)
      }
      return
    }
    if (f.outcome === 'acked') startAt = Math.max(now, this.atConsumer.get(f.messageId) ?? now)
    else if (f.outcome === 'expired' || f.outcome === 'dropped')
      startAt = Math.max(now, this.atQueue.get(f.messageId) ?? now)
    const lane = `${f.edge}\u0000${f.end}`
    if (this.marks.admit(lane, draw && startAt - now <= MAX_LAG_MS && this.paths.has(f.edge)))
      this.pending.push({ flight: f, startAt })
  }

  private loop(): void {
    if (this.frame !== 0) return
    this.frame = requestAnimationFrame((t) => {
      this.frame = 0
      this.step(Math.max(t, performance.now()))
      if (this.pending.length > 0 || this.alive.length > 0) this.loop()
    })
  }

  private retire(a: Alive): void {
    if (a.mark) {
      a.el.remove()
      this.marks.release(a.lane)
      return
    }
    a.animation?.cancel()
    a.el.className = 'flight-idle'
    this.idle.push(a.el)
    this.sampler.release(a.lane)
  }

  /** One frame: start the dots that are due, remove the ones that arrived. */
  step(now: number): void {
    if (this.alive.length > 0) {
      const keep: Alive[] = []
      for (const a of this.alive) {
        if (a.endAt > now) keep.push(a)
        else this.retire(a)
      }
      this.alive = keep
    }
    if (this.pending.length > 0) {
      const wait: Pending[] = []
      for (const p of this.pending) {
        if (p.startAt > now) wait.push(p)
        else this.spawn(p.flight, now)
      }
      this.pending = wait
    }
  }

  private spawn(f: Flight, now: number): void {
    const path = this.paths.get(f.edge)
    const layer = this.layer
    if (f.kind === 'move') {
      if (!path || !layer) return this.sampler.release(f.edge)
      // A Web Animation of transform through points of the edge's path: the compositor moves the dot,
      // the main thread only starts it (an offset-path animation costs style and paint every frame).
      // Dots are pooled: adding and removing elements under the viewport costs far more than reusing them.
      let dot = this.idle.pop()
      if (!dot || dot.parentElement !== layer) {
        dot = document.createElement('div')
        layer.appendChild(dot)
      }
      dot.className = `flight-dot flight-${f.outcome}`
      dot.dataset.edge = f.edge
      dot.dataset.messageId = String(f.messageId)
      const animation = dot.animate(this.keyframes(f.edge, path, f.reverse === true), {
        duration: HOP_MS,
        fill: 'forwards',
        easing: 'linear',
      })
      this.alive.push({ el: dot, endAt: now + HOP_MS, lane: f.edge, mark: false, animation })
      return
    }
    const lane = `${f.edge}\u0000${f.end}`
    const ends = path ? pathEnds(path) : null
    if (!ends || !layer) return this.marks.release(lane)
    const [x, y] = ends[f.end]
    const mark = document.createElement('div')
    mark.className = `flight-mark flight-${f.outcome}`
    mark.style.transform = `translate(${x}px, ${y}px)`
    layer.appendChild(mark)
    this.alive.push({ el: mark, endAt: now + MARK_MS, lane, mark: true })
  }

  /** Removes every dot (motion turned off, overlay gone); counts go on. */
  clear(): void {
    for (const a of this.alive) this.retire(a)
    for (const p of this.pending) {
      if (p.flight.kind === 'move') this.sampler.release(p.flight.edge)
      else this.marks.release(`${p.flight.edge}\u0000${p.flight.end}`)
    }
    this.alive = []
    this.pending = []
  }
}

/** The canvas's overlay: one controller for the page. */
export const flightController = new FlightController()
