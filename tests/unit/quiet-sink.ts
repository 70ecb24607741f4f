// A connection sink that ignores everything: for tests that drive the broker and read its state, not its frames.

import type { ConnectionSink } from '../../engine/connection-sink.ts'

export const quietSink: ConnectionSink = {
  delivery() {},
  returned() {},
  confirmed() {},
  cancelled() {},
  channelClosed() {},
  connectionClosed() {},
}
