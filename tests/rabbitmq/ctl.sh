#!/bin/sh
# rabbitmqctl against the node started by start.sh, e.g.: sh tests/rabbitmq/ctl.sh list_vhosts
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
exec "$RMQ_BIN/rabbitmqctl" "$@"
