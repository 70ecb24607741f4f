#!/bin/sh
# npm run check:rabbitmq: starts the throw-away node, runs check.ts, stops the node; exits with check.ts's status.
# Prerequisite: apt-get install -y rabbitmq-server (Debian's 3.10), and npm install (for amqplib and tsx).
HERE=$(cd "$(dirname "$0")" && pwd)
sh "$HERE/start.sh" || exit 2
trap 'sh "$HERE/stop.sh" >/dev/null 2>&1' EXIT INT TERM
npx tsx "$HERE/check.ts" "$@"; status=$?
npx tsx "$HERE/management-check.ts" || status=1
exit $status
