// Names and broker replies as a person should see them: characters that are invisible or reorder text (bidi
// overrides, controls, NUL) written out as \uXXXX, and RabbitMQ's Erlang error terms put into words.

// Controls, format characters (bidi overrides and isolates, zero-width), line and paragraph separators,
// lone surrogates. An ordinary space and visible characters are left as they are.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu

/** `invoice\u202Egpj.exe` shows as written, not as "invoiceexe.jpg". */
export function visibleName(name: string): string {
  return name.replace(INVISIBLE, (char) => {
    const code = char.codePointAt(0) as number
    return code > 0xffff
      ? `\\u{${code.toString(16).toUpperCase()}}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
  })
}

/** True when a name holds a character visibleName writes out: the UI may point that out. */
export const hasInvisible = (name: string) => new RegExp(INVISIBLE.source, 'u').test(name)

const TYPE_WORDS: Record<string, string> = {
  longstr: 'a string',
  long: 'an integer',
  double: 'a decimal number',
  bool: 'a boolean',
  void: 'null',
  array: 'a list',
  table: 'a table',
  binary: 'binary data',
}

// RabbitMQ's reply texts end in Erlang terms (rabbit_amqqueue's declare_args checks); the UI says them in words.
const ERLANG_TERMS: [RegExp, (...groups: string[]) => string][] = [
  [/\{unacceptable_type,(\w+)\}/g, (type) => `the value has the wrong type (${TYPE_WORDS[type] ?? type})`],
  [/\{value_negative,(-?[\d.]+)\}/g, (v) => `the value must not be negative (got ${v})`],
  [/\{value_zero,0\}/g, () => 'the value must be greater than 0'],
  [/\{value_too_large,(-?[\d.]+),(\d+)\}/g, (v, max) => `the value ${v} is larger than the maximum ${max}`],
  [/\{max_value_exceeded,(-?[\d.]+)\}/g, (v) => `the value ${v} is larger than the maximum allowed`],
  [/\brouting_key_but_no_dlx_defined\b/g, () => 'a dead-letter routing key needs a dead-letter exchange'],
  [/\binvalid_overflow\b/g, () => 'the overflow must be drop-head, reject-publish or reject-publish-dlx'],
  [/\binvalid_queue_mode\b/g, () => 'the queue mode must be default or lazy'],
  [/\binvalid_queue_type\b/g, () => 'the queue type must be classic, quorum or stream'],
  [/\binvalid_queue_locator_arg\b/g, () => 'the leader locator must be client-local or balanced'],
  [/\binvalid_dead_letter_strategy\b/g, () => 'the dead-letter strategy must be at-most-once or at-least-once'],
  [
    /\[\{<<"([^"]*)">>,[^\]]*\]\s+are not recognised policy settings/g,
    (k) => `'${k}' is not a recognised policy setting`,
  ],
]

/** A broker reply or import refusal for display: no Erlang terms, no invisible or binary characters. */
export function readableError(text: string): string {
  let out = text
  for (const [pattern, words] of ERLANG_TERMS)
    out = out.replace(pattern, (_match, ...groups: unknown[]) => words(...(groups.slice(0, -2) as string[])))
  return visibleName(out)
}
