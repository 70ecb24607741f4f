#!/bin/sh
# Stops the node started by start.sh (and the loopback epmd it started, if no other node uses it).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
if "$RMQ_BIN/rabbitmqctl" -q ping >/dev/null 2>&1; then
  "$RMQ_BIN/rabbitmqctl" -q stop "$RABBITMQ_PID_FILE" || true
  echo "stopped $RABBITMQ_NODENAME"
else
  echo "node $RABBITMQ_NODENAME not running"
fi
# epmd was started by our node: stop that one by its pid (found by our data directory in its environment),
# and only when no other Erlang node is registered with it.
for p in $(pgrep -x epmd 2>/dev/null); do
  if { tr '\0' '\n' < /proc/$p/environ; } 2>/dev/null | grep -qx "RABBITMQ_MNESIA_BASE=$BASE/mnesia"; then
    if ! epmd -names 2>/dev/null | grep -q '^name '; then kill "$p"; fi
  fi
done
exit 0
