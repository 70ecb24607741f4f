import { memo } from 'react'
import { useAppStore } from '../../store/index.ts'
import { useT } from '../../i18n/index.ts'

const WIDTH = 180

/**
 * A stream drawn as a log: its segments as blocks along a line, from the head (oldest offset kept) to the tail,
 * and each consumer's next offset as a marker that moves as it reads. Segments leave at the head on retention.
 */
export const StreamLog = memo(function StreamLog({ name }: { name: string }) {
  const stream = useAppStore((s) => s.streamStats[name])
  const t = useT()
  if (!stream) return null
  const span = Math.max(1, stream.tail - stream.first)
  const x = (offset: number) => ((Math.min(Math.max(offset, stream.first), stream.tail) - stream.first) / span) * WIDTH
  return (
    <div className="stream-log" data-testid="stream-log">
      <svg
        width={WIDTH}
        height={22}
        role="img"
        aria-label={t('nodes.streamLog', { first: stream.first, tail: stream.tail })}
      >
        <line x1={0} y1={8} x2={WIDTH} y2={8} className="stream-line" />
        {stream.segments.map((segment) => (
          <rect
            key={segment.first}
            data-testid="stream-segment"
            className="stream-segment"
            x={x(segment.first)}
            y={3}
            width={Math.max(2, x(segment.end) - x(segment.first) - 1)}
            height={10}
          >
            <title>{t('nodes.streamSegment', { first: segment.first, end: segment.end })}</title>
          </rect>
        ))}
        {stream.readers.map((reader) => (
          <path
            key={reader.consumerTag}
            data-testid="stream-reader"
            data-offset={reader.offset}
            className="stream-reader"
            d={`M ${x(reader.offset)} 14 l -4 7 h 8 z`}
          >
            <title>
              {t('nodes.streamReader', {
                tag: reader.consumerTag,
                offset: reader.offset,
                lag: Math.max(0, stream.tail - reader.offset),
              })}
            </title>
          </path>
        ))}
      </svg>
      <span className="stream-offsets">
        <span data-testid="stream-first">{t('nodes.streamFirst', { offset: stream.first })}</span>
        <span data-testid="stream-tail">{t('nodes.streamTail', { offset: stream.tail })}</span>
      </span>
    </div>
  )
})
