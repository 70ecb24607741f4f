#!/bin/sh
# Starts a throw-away RabbitMQ node (Debian's rabbitmq-server 3.10: `apt-get install -y rabbitmq-server`)
# bound to 127.0.0.1 only, with its data under /tmp/warren-rmq (wiped on each start).
# Usage: sh tests/rabbitmq/start.sh   ...   sh tests/rabbitmq/stop.sh
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
if [ ! -x "$RMQ_BIN/rabbitmq-server" ]; then
  echo "rabbitmq-server not found under $RMQ_BIN; install it with: apt-get install -y rabbitmq-server" >&2
  exit 2
fi
if "$RMQ_BIN/rabbitmqctl" -q ping >/dev/null 2>&1; then
  echo "node $RABBITMQ_NODENAME already running (amqp://127.0.0.1:$RABBITMQ_NODE_PORT)"
  exit 0
fi
rm -rf "$BASE/mnesia" "$BASE/log"
mkdir -p "$BASE/mnesia" "$BASE/log" "$BASE/home"
cat > "$BASE/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$RABBITMQ_NODE_PORT
loopback_users = none
log.console = false
log.file.level = info
management.tcp.ip = 127.0.0.1
management.tcp.port = $WARREN_RMQ_MANAGEMENT_PORT
management.cors.allow_origins.1 = $WARREN_RMQ_CORS_ORIGIN
management.cors.max_age = 3600
CONF
# The consistent-hash exchange ships with rabbitmq-server; the rich fixture uses it as a plugin exchange type.
# The management plugin answers Warren's live view, deploy and drift checks (CORS allows the e2e page's origin).
echo '[rabbitmq_consistent_hash_exchange,rabbitmq_management].' > "$BASE/enabled_plugins"
"$RMQ_BIN/rabbitmq-server" > "$BASE/log/stdout.log" 2>&1 &
echo $! > "$BASE/server.pid"
echo "starting $RABBITMQ_NODENAME on 127.0.0.1:$RABBITMQ_NODE_PORT (data in $BASE)..."
if ! "$RMQ_BIN/rabbitmqctl" -q wait --timeout 120 "$RABBITMQ_PID_FILE" >/dev/null 2>&1; then
  echo "RabbitMQ did not boot; see $BASE/log/stdout.log" >&2
  tail -20 "$BASE/log/stdout.log" >&2
  exit 1
fi
"$RMQ_BIN/rabbitmqctl" -q await_startup --timeout 120 >/dev/null
echo "RabbitMQ $("$RMQ_BIN/rabbitmqctl" -q eval 'rabbit_misc:version().' | tr -d '"') up on amqp://127.0.0.1:$RABBITMQ_NODE_PORT"
