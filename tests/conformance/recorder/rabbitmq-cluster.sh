#!/bin/sh
# A throw-away 3-node RabbitMQ cluster on loopback, from the chroot of rabbitmq-versions.sh, for recording the
# cluster scenarios. It leaves the single nodes of rabbitmq-versions.sh (and their epmd) alone.
#   sh rabbitmq-cluster.sh start 4.0|4.3             start rabbit-c1..c3@localhost, join c2 and c3 to c1
#   sh rabbitmq-cluster.sh stop 4.0|4.3              stop the three nodes and this cluster's epmd
#   sh rabbitmq-cluster.sh stop-node 4.0|4.3 N       stop node N (1..3): the Erlang VM goes away, as a crash would
#   sh rabbitmq-cluster.sh start-node 4.0|4.3 N      start node N again; it rejoins the cluster from its data dir
#   sh rabbitmq-cluster.sh ctl 4.0|4.3 N ARGS        rabbitmqctl against node N
# Ports of node N: AMQP 127.0.0.1:57XN, management 157XN, distribution 257XN; one epmd on 47X0+1 for the
# cluster (4.3 -> X=5, 4.0 -> X=8; 576x is taken by another recording setup). Data of node N under /tmp/rmq-cluster/cN inside the chroot.
set -e
cmd=$1; v=$2; [ $# -ge 2 ] && shift 2
case "$v" in
  4.0) x=8;;
  4.3) x=5;;
  *) echo "usage: sh rabbitmq-cluster.sh start|stop|stop-node|start-node|ctl 4.0|4.3 [N] [ARGS]" >&2; exit 2;;
esac
root=/opt/rabbitmq-$v
base=/tmp/rmq-cluster
epmd_port=47${x}1

node_env() { # $1 = node number; the environment of that node (and of rabbitmqctl talking to it)
  cat <<ENV
export HOME=$base/home RABBITMQ_NODENAME=rabbit-c$1@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=57$x$1
export ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$epmd_port RABBITMQ_DIST_PORT=257$x$1
export RABBITMQ_CONFIG_FILE=$base/c$1/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins
export RABBITMQ_MNESIA_BASE=$base/c$1/mnesia RABBITMQ_LOG_BASE=$base/c$1/log RABBITMQ_PID_FILE=$base/c$1/rabbit.pid
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +S 1:1"
export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
ENV
}

write_config() {
  rm -rf "$root$base"; mkdir -p "$root$base/home"
  # One cookie for the three nodes and rabbitmqctl, written before any node can make its own.
  printf 'warren-cluster-recording' > "$root$base/home/.erlang.cookie"; chmod 400 "$root$base/home/.erlang.cookie"
  echo '[rabbitmq_management].' > "$root$base/enabled_plugins"
  for n in 1 2 3; do
    mkdir -p "$root$base/c$n/mnesia" "$root$base/c$n/log"
    node_env $n > "$root$base/c$n/env.sh"
    cat > "$root$base/c$n/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:57$x$n
loopback_users = none
log.console = false
management.tcp.ip = 127.0.0.1
management.tcp.port = 157$x$n
# A queue's members online and its leader reach the management API with the stats, every 5 s by default.
collect_statistics_interval = 500
CONF
  done
}

ctl() { n=$1; shift; chroot "$root" /bin/sh -c '. '"$base/c$n"'/env.sh; exec /usr/lib/rabbitmq/bin/rabbitmqctl "$@"' sh "$@"; }

start_node() {
  chroot "$root" /bin/sh -c '. '"$base/c$1"'/env.sh; /usr/lib/rabbitmq/bin/rabbitmq-server > '"$base/c$1"'/log/stdout.log 2>&1 &'
  i=0; until ctl "$1" -q await_startup --timeout 60 >/dev/null 2>&1; do   # fails at once until the node reaches epmd
    i=$((i+1)); [ $i -lt 60 ] || { echo "rabbit-c$1 did not boot, see $root$base/c$1/log/" >&2; exit 1; }; sleep 2; done
}

case "$cmd" in
  start)
    [ -x "$root/usr/lib/rabbitmq/bin/rabbitmq-server" ] || { echo "not installed: sh rabbitmq-versions.sh install $v" >&2; exit 1; }
    cp /etc/hosts "$root/etc/hosts"
    mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
    write_config
    for n in 1 2 3; do start_node $n; done
    for n in 2 3; do ctl $n -q stop_app; ctl $n -q join_cluster rabbit-c1@localhost; ctl $n -q start_app; done
    ctl 1 -q cluster_status --formatter json | head -c 400; echo
    echo "RabbitMQ $(ctl 1 -q version) cluster on amqp://guest:guest@127.0.0.1:57${x}1..3, management http://127.0.0.1:157${x}1..3";;
  stop-node) ctl "$1" -q stop >/dev/null 2>&1 || true; echo "stopped rabbit-c$1";;
  start-node) start_node "$1"; echo "started rabbit-c$1";;
  ctl) ctl "$@";;
  stop)
    for n in 1 2 3; do ctl $n -q stop >/dev/null 2>&1 || true; done
    # Only the epmd listening on this cluster's port: the single nodes of the same chroot keep theirs.
    for p in $(pgrep -x epmd 2>/dev/null); do
      [ "$(readlink /proc/$p/root)" = "$root" ] && tr '\0' '\n' < /proc/$p/environ | grep -qx "ERL_EPMD_PORT=$epmd_port" && kill "$p"
    done
    echo "stopped the $v cluster";;
  *) echo "unknown command: $cmd" >&2; exit 2;;
esac
