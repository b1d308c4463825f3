#!/usr/bin/env bash
# Stops the Postfix and Dovecot of one state dir ($MAILSTACK_DIR, default <repo>/.mailstack/demo)
# and waits until their ports are free. Fine when nothing runs. Data is kept.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PATH=$PATH:/usr/sbin:/sbin

S=$(ms_state_dir)
ms_paths
ports=()
if ms_load_env; then
  ports=("$MAILSTACK_IMAP_PORT" "$MAILSTACK_IMAPS_PORT" "$MAILSTACK_SUBMISSION_PORT")
fi

# Waits up to $2 tenths of a second for process $1 to end.
wait_gone() {
  local i
  for ((i = 0; i < $2; i++)); do
    [[ -d /proc/$1 ]] || return 0
    sleep 0.1
  done
  return 1
}

# Both are told to stop at once, then waited for (Dovecot's master takes 1-3 s to exit).
stopped=() pids=()
if dpid=$(ms_dovecot_pid); then
  kill -TERM "$dpid" 2>/dev/null || true
  stopped+=(dovecot) pids+=("$dpid")
fi
if ppid_=$(ms_postfix_pid); then
  postfix -c "$POSTFIX_DIR" stop >/dev/null 2>&1 || kill -TERM "$ppid_" 2>/dev/null || true
  stopped+=(postfix) pids+=("$ppid_")
fi
for pid in "${pids[@]}"; do
  wait_gone "$pid" 150 || kill -KILL "$pid" 2>/dev/null || true
done

# The masters are gone; give their children (which close the listeners) a bounded time too.
if ((${#stopped[@]})); then
  for p in "${ports[@]}"; do
    for ((i = 0; i < 100; i++)); do
      ms_port_busy "$p" || break
      sleep 0.1
    done
    ms_port_busy "$p" && ms_die "port $p is still in use after stopping: $(ss -Hltnp "sport = :$p" | head -1)"
  done
fi

if ((${#stopped[@]})); then
  ms_say "stopped ${stopped[*]} in $S"
else
  ms_say "nothing running in $S"
fi
