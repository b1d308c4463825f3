#!/usr/bin/env bash
# `npm run demo`: on a fresh Debian/Ubuntu machine (as root, Node >= 20.19) installs the npm
# dependencies and the local mail system, creates and seeds a demo mailbox plus a second user
# to write to, builds, and serves everything on http://127.0.0.1:8080. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."

export MAILSTACK_DIR=${MAILSTACK_DIR:-$PWD/.mailstack/demo}
export MAILSTACK_IMAP_PORT=${MAILSTACK_IMAP_PORT:-1143}
export MAILSTACK_IMAPS_PORT=${MAILSTACK_IMAPS_PORT:-1993}
export MAILSTACK_SUBMISSION_PORT=${MAILSTACK_SUBMISSION_PORT:-1587}
export MAILSTACK_MANAGESIEVE_PORT=${MAILSTACK_MANAGESIEVE_PORT:-4190}
export MAILSTACK_INJECT_PORT=${MAILSTACK_INJECT_PORT:-10025}
export MAILSTACK_DOMAIN=${MAILSTACK_DOMAIN:-example.com}
port=${WEBMAIL_PORT:-8080}
demo_user=demo@$MAILSTACK_DOMAIN
demo_password=${DEMO_PASSWORD:-Sommerwiese-am-Bach-2026}
friend_user=bob@$MAILSTACK_DOMAIN
friend_password=${FRIEND_PASSWORD:-Herbstlaub-im-Garten-2026}

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "demo: installing npm dependencies"
  npm ci --no-audit --no-fund
fi
bash scripts/mailstack/install.sh
bash scripts/mailstack/start.sh

if [[ ! -e $MAILSTACK_DIR/.demo-seeded ]]; then
  echo "demo: creating $demo_user and $friend_user, seeding the demo mailbox"
  bash scripts/mailstack/adduser.sh "$demo_user" "$demo_password"
  bash scripts/mailstack/adduser.sh "$friend_user" "$friend_password"
  npx tsx scripts/mailstack/seed.ts "$demo_user" "${DEMO_MESSAGES:-400}"
  npx tsx scripts/mailstack/seed.ts "$friend_user" 25 --seed 2
  touch "$MAILSTACK_DIR/.demo-seeded"
fi

echo "demo: building"
npm run build --silent

gateway_pid=
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "demo: stopping"
  [[ -n $gateway_pid ]] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null || true
  bash scripts/mailstack/stop.sh || true
}
trap stop_all INT TERM EXIT

WEBMAIL_HOST=127.0.0.1 WEBMAIL_PORT=$port \
IMAP_HOST=127.0.0.1 IMAP_PORT=$MAILSTACK_IMAP_PORT IMAP_SECURITY=none \
SMTP_HOST=127.0.0.1 SMTP_PORT=$MAILSTACK_SUBMISSION_PORT SMTP_SECURITY=none \
SIEVE_BACKEND=managesieve MANAGESIEVE_PORT=$MAILSTACK_MANAGESIEVE_PORT MANAGESIEVE_SECURITY=none \
MAIL_DOMAIN=$MAILSTACK_DOMAIN \
COOKIE_SECURE=false WEBMAIL_LOG_LEVEL=${WEBMAIL_LOG_LEVEL:-warn} \
PASSWORD_BACKEND=passwd-file PASSWD_FILE=$MAILSTACK_DIR/dovecot/users \
  node dist-server/server/main.js &
gateway_pid=$!

for _ in $(seq 1 50); do
  if node -e "fetch('http://127.0.0.1:$port/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  kill -0 "$gateway_pid" 2>/dev/null || { echo "demo: the gateway did not start" >&2; exit 1; }
  sleep 0.2
done

cat <<MSG

  Webmail demo: http://127.0.0.1:$port
  Sign in as:   $demo_user
  Password:     $demo_password
  (a second mailbox to write to: $friend_user / $friend_password)

  Ctrl-C stops the webmail and the mail system.
MSG
wait "$gateway_pid"
