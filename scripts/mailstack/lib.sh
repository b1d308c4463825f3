# shellcheck shell=bash disable=SC2034
# Shared helpers of the mailstack scripts (sourced, not run).

ms_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ms_repo=$(cd "$ms_here/../.." && pwd)

ms_die() { echo "mailstack: $*" >&2; exit 1; }
ms_say() { echo "mailstack: $*"; }

# Absolute state dir from $MAILSTACK_DIR (default <repo>/.mailstack/demo). Paths end up unquoted
# in Dovecot/Postfix configs and in the env file, so only plain characters are accepted.
ms_state_dir() {
  local dir=${MAILSTACK_DIR:-$ms_repo/.mailstack/demo}
  dir=$(realpath -m -- "$dir")
  [[ $dir =~ ^/[A-Za-z0-9._/+-]+$ ]] ||
    ms_die "MAILSTACK_DIR must be a path of letters, digits and ._/+- only: '$dir'"
  printf '%s\n' "$dir"
}

# Derived paths; needs S (state dir) set.
ms_paths() {
  DOVECOT_DIR=$S/dovecot
  DOVECOT_CONF=$DOVECOT_DIR/dovecot.conf
  DOVECOT_RUN=$DOVECOT_DIR/run
  DOVECOT_LOG=$DOVECOT_DIR/dovecot.log
  PASSWD_FILE=$DOVECOT_DIR/users
  SSL_DIR=$DOVECOT_DIR/ssl
  POSTFIX_DIR=$S/postfix
  POSTFIX_QUEUE=$S/postfix-queue
  POSTFIX_DATA=$S/postfix-data
  POSTFIX_LOG=$POSTFIX_DIR/postfix.log
  MAIL_DIR=$S/mail
}

# Reads $S/env (written by start.sh) into the current shell; fails when it does not exist.
ms_load_env() {
  [[ -r $S/env ]] || return 1
  # shellcheck disable=SC1091
  source "$S/env"
  S=$MAILSTACK_DIR
  ms_paths
}

# pid from a pid file if that process is alive and its command name matches.
ms_pid_alive() { # pidfile comm
  local pid
  [[ -r $1 ]] || return 1
  read -r pid < "$1" 2>/dev/null || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/comm && $(< "/proc/$pid/comm") == "$2" ]] || return 1
  printf '%s\n' "$pid"
}
ms_dovecot_pid() { ms_pid_alive "$DOVECOT_RUN/master.pid" dovecot; }
ms_postfix_pid() { ms_pid_alive "$POSTFIX_QUEUE/pid/master.pid" master; }

# True if something listens on TCP port $1 (any address).
ms_port_busy() {
  [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]
}

# Regenerates the Postfix maps from the passwd-file: users (address -> address; serves as
# virtual_mailbox_maps and smtpd_sender_login_maps) and domains (virtual_mailbox_domains).
# hash: maps, replaced by rename, so running smtpd/trivial-rewrite processes notice the change
# before their next connection (texthash: would not notice it at all).
ms_regen_postfix_maps() {
  local tmp=$POSTFIX_DIR/.maps.$$ line user
  local -A domains=(["$MAILSTACK_DOMAIN"]=1)
  : > "$tmp.users"
  if [[ -r $PASSWD_FILE ]]; then
    while IFS= read -r line || [[ -n $line ]]; do
      [[ -z $line || $line == \#* ]] && continue
      user=${line%%:*}
      [[ $user == *@* ]] || continue
      printf '%s %s\n' "$user" "$user" >> "$tmp.users"
      domains[${user#*@}]=1
    done < "$PASSWD_FILE"
  fi
  printf '%s OK\n' "${!domains[@]}" > "$tmp.domains"
  postmap -c "$POSTFIX_DIR" "hash:$tmp.users" "hash:$tmp.domains" ||
    { rm -f "$tmp".*; return 1; }
  mv -f "$tmp.users" "$POSTFIX_DIR/users"
  mv -f "$tmp.users.db" "$POSTFIX_DIR/users.db"
  mv -f "$tmp.domains" "$POSTFIX_DIR/domains"
  mv -f "$tmp.domains.db" "$POSTFIX_DIR/domains.db"
}

# Moves $1 over $2 unless the content is the same. Postfix re-reads a main.cf whose mtime is
# within the last second or two (up to ~1.5 s of 0.3 s naps) until it looks settled, so a
# freshly written Postfix config gets an mtime 2 s in the past.
ms_put_file() { # new dest
  if cmp -s "$1" "$2"; then rm -f "$1"; return 0; fi
  touch -d "@$(($(date +%s) - 2))" "$1"
  mv -f "$1" "$2"
}
