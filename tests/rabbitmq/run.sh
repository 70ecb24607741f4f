#!/bin/sh
# npm run check:rabbitmq: starts the throw-away node, runs check.ts, management-check.ts and the e2e specs that
# need a real RabbitMQ, stops the node; exits 1 if any of them failed.
# Prerequisite: apt-get install -y rabbitmq-server (Debian's 3.10), and npm install (for amqplib and tsx).
HERE=$(cd "$(dirname "$0")" && pwd)
sh "$HERE/start.sh" || exit 2
trap 'sh "$HERE/stop.sh" >/dev/null 2>&1' EXIT INT TERM
npx tsx "$HERE/check.ts" "$@"; status=$?
npx tsx "$HERE/management-check.ts" || status=1
# The Management tab against this node, in Chromium (served from the built site: build it if it is missing).
[ -f "$HERE/../../dist/index.html" ] || (cd "$HERE/../.." && npx vite build >/dev/null) || status=1
npx playwright test --config "$HERE/playwright.config.ts" || status=1
exit $status
