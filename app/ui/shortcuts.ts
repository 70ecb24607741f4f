// Every keyboard shortcut, listed once: the handler and the help panel both read this table.

export interface Shortcut {
  keys: string
  what: string
}

export const SHORTCUTS: { group: string; items: Shortcut[] }[] = [
  {
    group: 'Add',
    items: [
      { keys: 'P', what: 'Producer' },
      { keys: 'E', what: 'Direct exchange' },
      { keys: 'T', what: 'Topic exchange' },
      { keys: 'O', what: 'Fanout exchange' },
      { keys: 'H', what: 'Headers exchange' },
      { keys: 'Q', what: 'Queue' },
      { keys: 'C', what: 'Consumer' },
      { keys: 'Double-click', what: 'Add menu on the canvas' },
    ],
  },
  {
    group: 'Edit',
    items: [
      { keys: 'Delete / Backspace', what: 'Delete the selection' },
      { keys: 'Ctrl+Z', what: 'Undo' },
      { keys: 'Ctrl+Shift+Z / Ctrl+Y', what: 'Redo' },
      { keys: 'Ctrl+C', what: 'Copy selected nodes' },
      { keys: 'Ctrl+V', what: 'Paste' },
      { keys: 'Ctrl+A', what: 'Select everything' },
      { keys: 'Shift+drag', what: 'Select an area' },
    ],
  },
  {
    group: 'View',
    items: [
      { keys: 'L', what: 'Auto-layout' },
      { keys: 'F', what: 'Fit view' },
      { keys: 'D', what: 'Dark / light theme' },
      { keys: '1 / 2 / 3 / 4', what: 'Publish / Messages / Exchanges / Queues panel' },
      { keys: 'Esc', what: 'Close the panel or dialog, clear the selection' },
      { keys: '?', what: 'This help' },
      { keys: 'Space', what: 'Play / pause virtual time' },
    ],
  },
]
