import { describe, expect, it } from 'vitest'
import { readableError, visibleName } from '../../app/ui/visible-text.ts'

describe('visible names', () => {
  it('writes bidi overrides, controls and zero-width characters out, and leaves the rest', () => {
    expect(visibleName('invoice\u202Egpj.exe')).toBe('invoice\\u202Egpj.exe')
    expect(visibleName('a\u0000b\u0007c\u2028d\u200be\u2066f')).toBe('a\\u0000b\\u0007c\\u2028d\\u200Be\\u2066f')
    expect(visibleName('lone\ud800')).toBe('lone\\uD800')
    expect(visibleName('orders.paid é 🐇 a b')).toBe('orders.paid é 🐇 a b')
  })
})

describe('readable errors', () => {
  it("puts RabbitMQ's Erlang terms into words", () => {
    expect(
      readableError(
        "PRECONDITION_FAILED - invalid arg 'x-dead-letter-routing-key' for queue 'q' in vhost '/': routing_key_but_no_dlx_defined",
      ),
    ).toBe(
      "PRECONDITION_FAILED - invalid arg 'x-dead-letter-routing-key' for queue 'q' in vhost '/': a dead-letter routing key needs a dead-letter exchange",
    )
    expect(readableError("invalid arg 'x-message-ttl' for queue 'q': {unacceptable_type,longstr}")).toBe(
      "invalid arg 'x-message-ttl' for queue 'q': the value has the wrong type (a string)",
    )
    expect(readableError("invalid arg 'x-expires': {value_zero,0}")).toBe(
      "invalid arg 'x-expires': the value must be greater than 0",
    )
    expect(readableError("'x-max-priority': {max_value_exceeded,300}")).toBe(
      "'x-max-priority': the value 300 is larger than the maximum allowed",
    )
    expect(readableError('{value_too_large,4294967296,4294967295}')).toBe(
      'the value 4294967296 is larger than the maximum 4294967295',
    )
    expect(readableError('[{<<"toString">>,1}] are not recognised policy settings')).toBe(
      "'toString' is not a recognised policy setting",
    )
  })

  it('never echoes binary garbage: a name with controls in a refusal is written out', () => {
    expect(readableError("no queue 'bad\u0000\u001b[31m' in vhost '/'")).toBe(
      "no queue 'bad\\u0000\\u001B[31m' in vhost '/'",
    )
  })
})
