# Environment shared by start.sh, stop.sh and ctl.sh: a throw-away RabbitMQ node on loopback only.
# Override with WARREN_RMQ_BASE / WARREN_RMQ_PORT / WARREN_RMQ_DIST_PORT / WARREN_RMQ_NODENAME.
# Defaults differ from a stock node (5672, rabbit@...) so this never collides with another local broker.
BASE=${WARREN_RMQ_BASE:-/tmp/warren-rmq}
export HOME="$BASE/home"
# The CLI tools need $HOME for the Erlang cookie; crash dumps go under $BASE, never into the working directory.
mkdir -p "$HOME" "$BASE/log"
export ERL_CRASH_DUMP="$BASE/log/erl_crash.dump"
export RABBITMQ_NODENAME=${WARREN_RMQ_NODENAME:-warren@localhost}
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=${WARREN_RMQ_PORT:-5673}
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_DIST_PORT=${WARREN_RMQ_DIST_PORT:-25673}
export RABBITMQ_CONFIG_FILE="$BASE/rabbitmq.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$BASE/enabled_plugins"
export RABBITMQ_MNESIA_BASE="$BASE/mnesia"
export RABBITMQ_LOG_BASE="$BASE/log"
export RABBITMQ_PID_FILE="$BASE/rabbit.pid"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export WARREN_RMQ_MANAGEMENT_PORT=${WARREN_RMQ_MANAGEMENT_PORT:-15673}
export WARREN_RMQ_CORS_ORIGIN=${WARREN_RMQ_CORS_ORIGIN:-http://localhost:4173}
RMQ_BIN=${WARREN_RMQ_BIN:-/usr/lib/rabbitmq/bin}
