#!/usr/bin/env bash
# adduser.sh USER PASSWORD [QUOTA]
# adduser.sh -        (reads lines "USER<TAB>PASSWORD[<TAB>QUOTA]" from stdin: many users at once)
#
# Adds mailboxes to the running stack of $MAILSTACK_DIR (default <repo>/.mailstack/demo), or
# replaces the password (and quota) of existing ones. USER is the full address (local@domain), the
# login name; QUOTA is a Dovecot storage size like 500M or 2G (default: the stack's 1G).
# Returns once Dovecot accepts the new passwords, so the caller can log in at once.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PATH=$PATH:/usr/sbin:/sbin

usage() {
  echo "usage: adduser.sh USER@DOMAIN PASSWORD [QUOTA]" >&2
  echo "       adduser.sh - < lines of USER<TAB>PASSWORD[<TAB>QUOTA]" >&2
  exit 2
}

users=() passwords=() quotas=()
add_arg() { # user password quota
  local user=${1,,}
  [[ $user =~ ^[a-z0-9._+-]+@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$ &&
    $user != .* && $user != *.@* && $user != *..* ]] ||
    ms_die "USER must be a full address local@domain (letters, digits, ._+- in the local part): '$1'"
  [[ -n $2 ]] || ms_die "PASSWORD of $user must not be empty"
  [[ $2 != *$'\n'* && $2 != *$'\r'* ]] || ms_die "PASSWORD of $user must not contain line breaks"
  [[ -z $3 || $3 =~ ^[0-9]+[BKMGT]?$ ]] || ms_die "QUOTA must be a size like 500M or 2G, got '$3'"
  local u
  for u in "${users[@]}"; do [[ $u != "$user" ]] || ms_die "$user given twice"; done
  users+=("$user") passwords+=("$2") quotas+=("$3")
}
if [[ $# -eq 1 && $1 == - ]]; then
  while IFS=$'\t' read -r u p q rest || [[ -n ${u:-} ]]; do
    [[ -z $u || $u == \#* ]] && continue
    [[ -z ${rest:-} ]] || ms_die "too many fields in the line of $u"
    add_arg "$u" "${p:-}" "${q:-}"
  done
  ((${#users[@]})) || ms_die "no users on stdin"
elif [[ $# -eq 2 || $# -eq 3 ]]; then
  add_arg "$1" "$2" "${3:-}"
else
  usage
fi

S=$(ms_state_dir)
ms_paths
ms_load_env || ms_die "no stack in $S (no $S/env): run scripts/mailstack/start.sh first"
ms_dovecot_pid >/dev/null || ms_die "Dovecot of $S is not running: run scripts/mailstack/start.sh"
[[ $(id -u) -eq 0 ]] || ms_die "adduser.sh needs root"
vuid=$(id -u vmail)
vgid=$(id -g vmail)
ms_pad_prefix="# mailstack-pad "

# mailstack_rev changes with every write; it is read back below to know when Dovecot has re-read
# the file (to Dovecot an unknown userdb field is a harmless plugin setting).
rev="${EPOCHREALTIME/./}-$$"
errf=$S/.adduser.$$.err
trap 'rm -f "$errf"' EXIT

declare -A entry=()
for i in "${!users[@]}"; do
  user=${users[i]} password=${passwords[i]} quota=${quotas[i]}
  # The password goes in on stdin, twice (doveadm pw asks again). On a mismatch doveadm would
  # hash something else and still exit 0, so its stderr must stay empty.
  hash=$(printf '%s\n%s\n' "$password" "$password" |
    doveadm -c "$DOVECOT_CONF" pw -s SHA512-CRYPT 2>"$errf") || true
  # shellcheck disable=SC2016
  if [[ -s $errf || $hash != '{SHA512-CRYPT}$6$'* ]]; then
    cat "$errf" >&2
    ms_die "doveadm pw gave no SHA512-CRYPT hash for $user"
  fi
  local_part=${user%@*} domain=${user#*@}
  home=$MAIL_DIR/$domain/$local_part
  extra="userdb_mailstack_rev=$rev"
  [[ -n $quota ]] && extra="userdb_quota_rule=*:storage=$quota $extra"
  entry[$user]="$user:$hash:$vuid:$vgid::$home::$extra"

  # Home and Maildir++ with the special-use folders (Dovecot would also create them on use).
  if [[ ! -d $home/Maildir/cur ]]; then
    (
      umask 077
      mkdir -p "$MAIL_DIR/$domain"
      for f in "" .Drafts .Sent .Trash .Junk; do
        mkdir -p "$home/Maildir/$f/cur" "$home/Maildir/$f/new" "$home/Maildir/$f/tmp"
        [[ -z $f ]] || : > "$home/Maildir/$f/maildirfolder"
      done
    )
    chown -R vmail:vmail "$home"
    chown vmail:vmail "$MAIL_DIR/$domain"
  fi
done

# Rewrite the passwd-file under a lock (parallel callers), keeping its owner and mode.
exec 9> "$DOVECOT_DIR/users.lock"
flock -w 30 9 || ms_die "timed out waiting for $DOVECOT_DIR/users.lock"
tmp=$PASSWD_FILE.new.$$
read -r old_mtime old_size < <(stat -c '%Y %s' "$PASSWD_FILE")
{
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line == "$ms_pad_prefix"* || -n ${entry[${line%%:*}]+set} ]] || printf '%s\n' "$line"
  done < "$PASSWD_FILE"
  for user in "${users[@]}"; do printf '%s\n' "${entry[$user]}"; done
} > "$tmp"
chown --reference="$PASSWD_FILE" "$tmp"
chmod --reference="$PASSWD_FILE" "$tmp"
# Dovecot re-reads the file only when its size or whole-second mtime changed. A rewrite within
# the same second as the previous one (same-length hashes!) is made longer than that one with a
# comment line, so every version of the file within one second has its own size.
read -r new_mtime new_size < <(stat -c '%Y %s' "$tmp")
if ((new_mtime == old_mtime && new_size <= old_size)); then
  n=$((old_size - new_size + 1 - ${#ms_pad_prefix} - 1))
  ((n > 0)) || n=1
  printf -v pad '%*s' "$n" ""
  printf '%s%s\n' "$ms_pad_prefix" "${pad// /.}" >> "$tmp"
fi
mv -f "$tmp" "$PASSWD_FILE"
ms_regen_postfix_maps || ms_die "postmap failed"
flock -u 9

# Wait until Dovecot serves the new revision. It looks at the file at most once a second, so
# when the revision is stale, look again just after the next second starts.
deadline=$((SECONDS + ${MAILSTACK_ADDUSER_WAIT:-4}))
while [[ $(doveadm -c "$DOVECOT_CONF" user -f mailstack_rev "${users[0]}" 2>/dev/null) != "$rev" ]]; do
  ((SECONDS < deadline)) || ms_die "Dovecot did not pick up the new passwd-file in time (see $DOVECOT_LOG)"
  ms=$(((1000000000 - 10#$(date +%N)) / 1000000 + 20))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
done
for i in "${!users[@]}"; do
  printf '%s\n' "${passwords[i]}" | doveadm -c "$DOVECOT_CONF" auth test "${users[i]}" >/dev/null 2>&1 ||
    ms_die "Dovecot does not accept the new password of ${users[i]} (see $DOVECOT_LOG)"
  ms_say "${users[i]} ready${quotas[i]:+ (quota ${quotas[i]})}"
done
