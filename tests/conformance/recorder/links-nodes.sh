#!/bin/sh
# Two RabbitMQ 4.3 nodes that are NOT clustered, for the shovel and federation recordings (tests/conformance/4.3/links).
#   sh links-nodes.sh start        start rabbit-l1@localhost and rabbit-l2@localhost from the 4.3 chroot
#   sh links-nodes.sh ctl l1|l2 ARGS   rabbitmqctl against one of them
#   sh links-nodes.sh stop         stop both (and their epmd)
# Ports: AMQP 127.0.0.1:5761/5762, management 15761/15762, distribution 25761/25762, one epmd on 4761.
# The chroot comes from rabbitmq-versions.sh install 4.3; its own node (rabbit43, :5743) is left alone.
set -e
root=/opt/rabbitmq-4.3
cmd=$1; [ $# -ge 1 ] && shift
dir() { echo "/tmp/rmq-links-$1"; }
port() { case "$1" in l1) echo 61;; l2) echo 62;; *) echo "unknown node $1" >&2; exit 2;; esac; }
ctl() { n=$1; shift; d=$(dir "$n")
  chroot "$root" /bin/sh -c ". $d/env.sh; exec /usr/lib/rabbitmq/bin/rabbitmqctl \"\$@\"" sh "$@"; }

write_config() { n=$1; p=$(port "$n"); d=$(dir "$n")
  rm -rf "$root$d"; mkdir -p "$root$d/mnesia" "$root$d/log" "$root$d/home"
  cat > "$root$d/env.sh" <<ENV
export HOME=$d/home RABBITMQ_NODENAME=rabbit-$n@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=57$p
export ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=4761 RABBITMQ_DIST_PORT=257$p
export RABBITMQ_CONFIG_FILE=$d/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$d/enabled_plugins
export RABBITMQ_MNESIA_BASE=$d/mnesia RABBITMQ_LOG_BASE=$d/log RABBITMQ_PID_FILE=$d/rabbit.pid
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
ENV
  cat > "$root$d/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:57$p
loopback_users = none
log.console = false
management.tcp.ip = 127.0.0.1
management.tcp.port = 157$p
CONF
  echo '[rabbitmq_management,rabbitmq_shovel,rabbitmq_shovel_management,rabbitmq_federation,rabbitmq_federation_management].' \
    > "$root$d/enabled_plugins"
}

case "$cmd" in
  start)
    [ -x "$root/usr/lib/rabbitmq/bin/rabbitmq-server" ] || { echo "not installed: sh rabbitmq-versions.sh install 4.3" >&2; exit 1; }
    cp /etc/hosts "$root/etc/hosts"
    mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
    for n in l1 l2; do
      d=$(dir "$n"); write_config "$n"
      chroot "$root" /bin/sh -c ". $d/env.sh; /usr/lib/rabbitmq/bin/rabbitmq-server > $d/log/stdout.log 2>&1 &"
    done
    for n in l1 l2; do
      i=0; until ctl "$n" -q await_startup --timeout 60 >/dev/null 2>&1; do
        i=$((i+1)); [ $i -lt 60 ] || { echo "rabbit-$n did not boot, see $root$(dir "$n")/log/" >&2; exit 1; }; sleep 2; done
      echo "rabbit-$n@localhost: amqp://guest:guest@127.0.0.1:57$(port "$n"), management http://127.0.0.1:157$(port "$n")"
    done;;
  ctl) n=$1; shift; ctl "$n" "$@";;
  stop)
    for n in l1 l2; do ctl "$n" -q stop >/dev/null 2>&1 || true; done
    for p in $(ss -ltnpH 'sport = :4761' 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | sort -u); do kill "$p"; done
    echo "stopped l1 and l2";;
  *) echo "usage: sh links-nodes.sh start|ctl l1|l2 ARGS|stop" >&2; exit 2;;
esac
