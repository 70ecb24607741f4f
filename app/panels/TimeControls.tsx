// Virtual time in the toolbar: play / pause, single step to the next timer, speed, the clock, and the
// simulation's seed. The clock text is written straight into the DOM each frame: React renders only
// when paused, speed or seed change.

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import { Dices, Pause, Play, StepForward } from 'lucide-react'
import type { ClockAction, ClockState } from '../../engine/worker/protocol.ts'
import { getSession } from '../session/actions.ts'
import { errorText } from '../session/session.ts'
import { ClockFollower } from '../sim/clock-follower.ts'
import { formatClock, formatSpeed, parseSeed, SPEEDS } from '../sim/time-format.ts'
import { useAppStore } from '../store/index.ts'
import { ErrorText, TextField } from '../ui/controls.tsx'
import './events.css'

const POLL_MS = 1000
const PLACEHOLDER = '--:--:--.-'

function typingOrPressing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(el.tagName))
}

export function TimeControls() {
  const [mode, setMode] = useState<{ paused: boolean; speed: number } | null>(null)
  const display = useRef<HTMLSpanElement>(null)
  const follower = useRef(new ClockFollower())
  const frame = useRef(0)

  const paint = useCallback(() => {
    const el = display.current
    if (!el) return
    const now = follower.current.now(performance.now())
    const text = now === null ? PLACEHOLDER : formatClock(now, 1)
    if (el.textContent !== text) el.textContent = text
  }, [])

  const loop = useCallback(() => {
    if (frame.current !== 0) return
    const tick = () => {
      paint()
      frame.current = follower.current.state?.paused === false ? requestAnimationFrame(tick) : 0
    }
    frame.current = requestAnimationFrame(tick)
  }, [paint])

  const follow = useCallback(
    (state: ClockState) => {
      follower.current.update(state, performance.now())
      setMode((m) =>
        m && m.paused === state.paused && m.speed === state.speed ? m : { paused: state.paused, speed: state.speed },
      )
      paint()
      if (!state.paused) loop()
    },
    [paint, loop],
  )

  const clock = useCallback(
    async (action: ClockAction): Promise<ClockState | null> => {
      const client = getSession().client
      if (client.state.kind !== 'ready') return null
      try {
        const state = await client.send({ type: 'clock', action })
        follow(state)
        return state
      } catch (error) {
        useAppStore.getState().toast('error', errorText(error))
        return null
      }
    },
    [follow],
  )

  // The clock can also change from elsewhere (page API, lessons, a restart): read it now and then.
  useEffect(() => {
    const read = () => void clock({ kind: 'state' })
    read()
    const offState = getSession().client.onState((s) => s.kind === 'ready' && read())
    const timer = setInterval(read, POLL_MS)
    return () => {
      clearInterval(timer)
      offState()
      cancelAnimationFrame(frame.current)
      frame.current = 0
    }
  }, [clock])

  const togglePlay = useCallback(
    () => void clock({ kind: follower.current.state?.paused ? 'resume' : 'pause' }),
    [clock],
  )

  const step = async () => {
    const before = follower.current.state?.now
    const after = await clock({ kind: 'step' })
    if (after && after.now === before)
      useAppStore.getState().toast('info', 'Nothing is scheduled: there is no timer to step to.')
  }

  // Space plays and pauses, unless typing or on a focused control (where space presses it) or something else took it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key !== ' ' ||
        e.defaultPrevented ||
        e.repeat ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        typingOrPressing(e.target)
      )
        return
      const s = useAppStore.getState()
      if (s.dialog || s.helpOpen) return
      e.preventDefault()
      togglePlay()
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [togglePlay])

  const paused = mode?.paused ?? false
  const speed = mode?.speed ?? 1
  const speeds: number[] = SPEEDS.includes(speed as (typeof SPEEDS)[number])
    ? [...SPEEDS]
    : [...SPEEDS, speed].sort((a, b) => a - b)
  return (
    <div className="tool-group time-controls" role="group" aria-label="Virtual time">
      <button
        type="button"
        className={`tool${paused ? ' is-on' : ''}`}
        onClick={togglePlay}
        disabled={!mode}
        aria-label={paused ? 'Play virtual time' : 'Pause virtual time'}
        title={paused ? 'Play (Space)' : 'Pause (Space)'}
        data-testid="time-play"
        data-paused={paused}
      >
        {paused ? <Play size={16} aria-hidden /> : <Pause size={16} aria-hidden />}
      </button>
      <button
        type="button"
        className="tool"
        onClick={() => void step()}
        disabled={!mode}
        aria-label="Step to the next timer"
        title="Step: pause and jump to the next timer (TTL, producer, consumer)"
        data-testid="time-step"
      >
        <StepForward size={16} aria-hidden />
      </button>
      <span
        ref={display}
        className={`time-clock${paused ? ' is-paused' : ''}`}
        role="timer"
        aria-label="Virtual time"
        data-testid="time-clock"
        title="Virtual time: the broker's clock (TTLs, producers, consumers)"
      >
        {PLACEHOLDER}
      </span>
      <select
        className="time-speed"
        value={String(speed)}
        onChange={(e) => void clock({ kind: 'speed', factor: Number(e.target.value) })}
        disabled={!mode}
        aria-label="Speed of virtual time"
        data-testid="time-speed"
      >
        {speeds.map((s) => (
          <option key={s} value={String(s)}>
            {formatSpeed(s)}
          </option>
        ))}
      </select>
      <SeedControl />
    </div>
  )
}

function SeedControl() {
  const [open, setOpen] = useState(false)
  const [seed, setSeed] = useState<number | null>(null)
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string | null>(null)
  const root = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    setError(null)
    getSession()
      .client.send({ type: 'simStatus' })
      .then(
        (status) => {
          setSeed(status.seed)
          setDraft(String(status.seed))
        },
        (err) => setError(errorText(err)),
      )
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false)
    }
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false)
    addEventListener('pointerdown', away)
    addEventListener('keydown', escape)
    return () => {
      removeEventListener('pointerdown', away)
      removeEventListener('keydown', escape)
    }
  }, [open])

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    const parsed = parseSeed(draft)
    if ('error' in parsed) return setError(parsed.error)
    try {
      await getSession().client.send({ type: 'simSeed', seed: parsed.seed })
      setSeed(parsed.seed)
      setError(null)
      useAppStore.getState().toast('info', `Seed ${parsed.seed}: from here on the simulation draws from this seed.`)
    } catch (err) {
      setError(errorText(err))
    }
  }

  return (
    <div className="time-seed" ref={root}>
      <button
        type="button"
        className={`tool with-text${open ? ' is-on' : ''}`}
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-label="Simulation seed"
        title="Simulation seed"
        data-testid="time-seed"
      >
        <Dices size={16} aria-hidden />
        <span>Seed</span>
      </button>
      {open && (
        <form
          className="time-seed-pop"
          onSubmit={(e) => void apply(e)}
          data-testid="seed-popover"
          aria-label="Simulation seed"
        >
          <p>
            Everything random in the simulation (routing keys picked from a pattern, processing times within a range,
            failures with a probability) comes from this seed. The same seed and the same design replay the same run.
          </p>
          <div className="row">
            <TextField
              label={seed === null ? 'Seed' : `Seed (now ${seed})`}
              value={draft}
              onChange={setDraft}
              inputMode="numeric"
              mono
              testId="seed-input"
            />
            <button type="submit" className="button primary" data-testid="seed-apply">
              Apply
            </button>
          </div>
          <ErrorText text={error} testId="seed-error" />
        </form>
      )}
    </div>
  )
}
