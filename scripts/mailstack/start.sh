#!/usr/bin/env bash
# Writes self-contained Dovecot + Postfix configs under a state dir and starts both, bound to
# 127.0.0.1 only (no systemd). See README.md for the settings and the layout.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

S=$(ms_state_dir)
ms_paths

MAILSTACK_IMAP_PORT=${MAILSTACK_IMAP_PORT:-1143}
MAILSTACK_IMAPS_PORT=${MAILSTACK_IMAPS_PORT:-1993}
MAILSTACK_SUBMISSION_PORT=${MAILSTACK_SUBMISSION_PORT:-1587}
MAILSTACK_MANAGESIEVE_PORT=${MAILSTACK_MANAGESIEVE_PORT:-4190}
# Where Dovecot's Sieve (vacation replies, redirects) hands mail to Postfix: an smtpd on loopback
# without AUTH, like the internal re-injection port of a real mail host.
MAILSTACK_INJECT_PORT=${MAILSTACK_INJECT_PORT:-10025}
MAILSTACK_DOMAIN=${MAILSTACK_DOMAIN:-example.com}
MAILSTACK_MESSAGE_SIZE_LIMIT=${MAILSTACK_MESSAGE_SIZE_LIMIT:-52428800}
MAILSTACK_FAST_AUTH_FAIL=${MAILSTACK_FAST_AUTH_FAIL:-0}
timeout_s=${MAILSTACK_START_TIMEOUT:-20}

for v in MAILSTACK_IMAP_PORT MAILSTACK_IMAPS_PORT MAILSTACK_SUBMISSION_PORT MAILSTACK_MANAGESIEVE_PORT MAILSTACK_INJECT_PORT; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -ge 1 && ${!v} -le 65535 ]] || ms_die "$v must be a port number, got '${!v}'"
done
[[ $MAILSTACK_DOMAIN =~ ^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$ ]] ||
  ms_die "MAILSTACK_DOMAIN must be a lower-case domain name like example.com, got '$MAILSTACK_DOMAIN'"
[[ $MAILSTACK_MESSAGE_SIZE_LIMIT =~ ^[0-9]+$ && $MAILSTACK_MESSAGE_SIZE_LIMIT -ge 1024 ]] ||
  ms_die "MAILSTACK_MESSAGE_SIZE_LIMIT must be a byte count, got '$MAILSTACK_MESSAGE_SIZE_LIMIT'"
[[ $MAILSTACK_FAST_AUTH_FAIL == [01] ]] || ms_die "MAILSTACK_FAST_AUTH_FAIL must be 0 or 1"
[[ $timeout_s =~ ^[0-9]+$ ]] || ms_die "MAILSTACK_START_TIMEOUT must be whole seconds"

[[ $(id -u) -eq 0 ]] || ms_die "start.sh needs root (Dovecot and Postfix switch users)"
for cmd in dovecot doveadm postfix postmap openssl ss; do
  command -v "$cmd" >/dev/null || PATH=$PATH:/usr/sbin:/sbin command -v "$cmd" >/dev/null ||
    ms_die "'$cmd' not found: run scripts/mailstack/install.sh first"
done
export PATH=$PATH:/usr/sbin:/sbin

# Already running?
dpid=$(ms_dovecot_pid || true)
ppid_=$(ms_postfix_pid || true)
if [[ -n $dpid && -n $ppid_ && -r $S/env ]]; then
  running_imap=$(sed -n 's/^MAILSTACK_IMAP_PORT=//p' "$S/env")
  ms_say "already running in $S (IMAP port $running_imap; see $S/env)"
  if [[ $running_imap != "$MAILSTACK_IMAP_PORT" ]]; then
    ms_say "warning: it was started with other ports than requested now; run stop.sh first to change them" >&2
  fi
  exit 0
fi
if [[ -n $dpid || -n $ppid_ ]]; then
  ms_say "a part of the stack in $S is running; stopping it before a clean start"
  MAILSTACK_DIR=$S "$ms_here/stop.sh" >/dev/null || true
fi

ports=("$MAILSTACK_IMAP_PORT" "$MAILSTACK_IMAPS_PORT" "$MAILSTACK_SUBMISSION_PORT" "$MAILSTACK_MANAGESIEVE_PORT" "$MAILSTACK_INJECT_PORT")
[[ $(printf '%s\n' "${ports[@]}" | sort -u | wc -l) -eq 5 ]] || ms_die "the five ports must differ: ${ports[*]}"
for p in "${ports[@]}"; do
  if ms_port_busy "$p"; then
    ms_die "port $p is already in use: $(ss -Hltnp "sport = :$p" | head -1)"
  fi
done

# Virtual mail user.
if ! id -u vmail >/dev/null 2>&1; then
  useradd --system --user-group --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin --comment "virtual mail" vmail 2>/dev/null ||
    id -u vmail >/dev/null 2>&1 || ms_die "could not create the system user vmail"
fi
vuid=$(id -u vmail)
vgid=$(id -g vmail)

# Layout.
install -d -m 0755 "$S" "$DOVECOT_DIR" "$POSTFIX_DIR" "$POSTFIX_QUEUE"
install -d -m 0750 "$DOVECOT_DIR/state"
install -d -m 0700 "$SSL_DIR"
install -d -m 0750 -o vmail -g vmail "$MAIL_DIR"
if [[ ! -e $PASSWD_FILE ]]; then
  install -m 0640 -o root -g dovecot /dev/null "$PASSWD_FILE"
fi
if [[ ! -s $SSL_DIR/cert.pem || ! -s $SSL_DIR/key.pem ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
    -subj "/CN=mail.$MAILSTACK_DOMAIN" \
    -addext "subjectAltName=DNS:mail.$MAILSTACK_DOMAIN,DNS:localhost,IP:127.0.0.1" \
    -keyout "$SSL_DIR/key.pem.new" -out "$SSL_DIR/cert.pem.new" 2>/dev/null ||
    ms_die "openssl could not make the self-signed certificate"
  chmod 0600 "$SSL_DIR/key.pem.new"
  chmod 0644 "$SSL_DIR/cert.pem.new"
  mv -f "$SSL_DIR/key.pem.new" "$SSL_DIR/key.pem"
  mv -f "$SSL_DIR/cert.pem.new" "$SSL_DIR/cert.pem"
fi

# ---------------------------------------------------------------------------------------------
# Dovecot
auth_delay_line="# auth_failure_delay: Dovecot's default (2 s); MAILSTACK_FAST_AUTH_FAIL=1 sets 0"
if [[ $MAILSTACK_FAST_AUTH_FAIL == 1 ]]; then auth_delay_line="auth_failure_delay = 0"; fi
dh_line="# no /usr/share/dovecot/dh.pem: DHE ciphers unavailable"
if [[ -r /usr/share/dovecot/dh.pem ]]; then dh_line="ssl_dh = </usr/share/dovecot/dh.pem"; fi

cat > "$DOVECOT_CONF.new" <<EOF
# Written by scripts/mailstack/start.sh at every start: edits here are lost.
instance_name = mailstack-$(basename "$S")
base_dir = $DOVECOT_RUN
state_dir = $DOVECOT_DIR/state
listen = 127.0.0.1
protocols = imap lmtp sieve
log_path = $DOVECOT_LOG
hostname = mail.$MAILSTACK_DOMAIN
postmaster_address = postmaster@$MAILSTACK_DOMAIN

default_internal_user = dovecot
default_login_user = dovenull
default_process_limit = 500
default_client_limit = 5000
first_valid_uid = $vuid
last_valid_uid = $vuid
first_valid_gid = $vgid
last_valid_gid = $vgid

ssl = yes
ssl_cert = <$SSL_DIR/cert.pem
ssl_key = <$SSL_DIR/key.pem
$dh_line

# Loopback only, so plain LOGIN/PLAIN without TLS is allowed; STARTTLS is still offered.
disable_plaintext_auth = no
auth_mechanisms = plain login
# The login is the full address, lower-cased; 'alice' alone matches no user.
auth_username_format = %Lu
$auth_delay_line
# The gateway sends the client's address with IMAP ID (x-originating-ip).
login_trusted_networks = 127.0.0.0/8

passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT $PASSWD_FILE
}
userdb {
  driver = passwd-file
  args = $PASSWD_FILE
  default_fields = uid=$vuid gid=$vgid home=$MAIL_DIR/%Ld/%Ln
}

mail_location = maildir:~/Maildir
mail_plugins = \$mail_plugins quota

namespace inbox {
  inbox = yes
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = no
  }
}

plugin {
  quota = maildir:User quota
  quota_rule = *:storage=1G
  # Pigeonhole: each user's scripts in ~/sieve, the active one linked from ~/.dovecot.sieve,
  # managed over ManageSieve. Up to 20 forwarding targets (the webmail's limit) need 20 redirects.
  sieve = file:~/sieve;active=~/.dovecot.sieve
  sieve_max_redirects = 20
}
# Vacation replies and redirects leave through Postfix's loopback injection port.
submission_host = 127.0.0.1:$MAILSTACK_INJECT_PORT

protocol imap {
  mail_plugins = \$mail_plugins imap_quota imap_zlib
  mail_max_userip_connections = 200
}
protocol lmtp {
  mail_plugins = \$mail_plugins sieve
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $MAILSTACK_IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $MAILSTACK_IMAPS_PORT
    ssl = yes
  }
}
service managesieve-login {
  inet_listener sieve {
    address = 127.0.0.1
    port = $MAILSTACK_MANAGESIEVE_PORT
  }
}
service lmtp {
  unix_listener $POSTFIX_QUEUE/private/dovecot-lmtp {
    user = postfix
    group = postfix
    mode = 0660
  }
}
service auth {
  unix_listener $POSTFIX_QUEUE/private/auth {
    user = postfix
    group = postfix
    mode = 0660
  }
}
EOF
ms_put_file "$DOVECOT_CONF.new" "$DOVECOT_CONF"

# ---------------------------------------------------------------------------------------------
# Postfix
cat > "$POSTFIX_DIR/main.cf.new" <<EOF
# Written by scripts/mailstack/start.sh at every start: edits here are lost.
compatibility_level = 3.6
meta_directory = /etc/postfix
queue_directory = $POSTFIX_QUEUE
data_directory = $POSTFIX_DATA
maillog_file = $POSTFIX_LOG
maillog_file_prefixes = /var, /dev/stdout, $POSTFIX_DIR

myhostname = mail.$MAILSTACK_DOMAIN
mydomain = $MAILSTACK_DOMAIN
myorigin = \$mydomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP
biff = no
append_dot_mydomain = no
smtpd_peername_lookup = no
smtp_dns_support_level = disabled

alias_maps =
alias_database =
local_recipient_maps =
relay_domains =
relayhost =
# Nothing ever leaves this machine.
local_transport = error:local delivery is disabled here
default_transport = error:outside mail is disabled here
relay_transport = error:outside mail is disabled here

# Mail for the local domain(s) goes to Dovecot over LMTP; maps are regenerated by adduser.sh.
virtual_mailbox_domains = hash:$POSTFIX_DIR/domains
virtual_mailbox_maps = hash:$POSTFIX_DIR/users
virtual_transport = lmtp:unix:private/dovecot-lmtp
message_size_limit = $MAILSTACK_MESSAGE_SIZE_LIMIT
mailbox_size_limit = 0
virtual_mailbox_limit = 0
queue_run_delay = 10s
minimal_backoff_time = 10s
maximal_backoff_time = 60s

# Submission: SMTP AUTH through Dovecot; STARTTLS offered, AUTH allowed without it (loopback).
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_sasl_security_options = noanonymous
smtpd_tls_security_level = may
smtpd_tls_auth_only = no
smtpd_tls_cert_file = $SSL_DIR/cert.pem
smtpd_tls_key_file = $SSL_DIR/key.pem
# Relaying to other domains is refused for everyone (554 5.7.1 Relay access denied);
# local recipients need AUTH; unknown local users get 550 5.1.1 (smtpd_reject_unlisted_recipient).
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
# Senders are limited to their own address (553 5.7.1 ... not owned by user ...).
smtpd_sender_login_maps = hash:$POSTFIX_DIR/users
smtpd_sender_restrictions = reject_sender_login_mismatch
disable_vrfy_command = yes
EOF
ms_put_file "$POSTFIX_DIR/main.cf.new" "$POSTFIX_DIR/main.cf"

cat > "$POSTFIX_DIR/master.cf.new" <<EOF
# Written by scripts/mailstack/start.sh at every start: edits here are lost.
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:$MAILSTACK_SUBMISSION_PORT inet n - n - - smtpd
127.0.0.1:$MAILSTACK_INJECT_PORT inet n - n - - smtpd
  -o syslog_name=postfix/inject
  -o smtpd_sasl_auth_enable=no
  -o smtpd_relay_restrictions=permit_mynetworks,reject
  -o smtpd_recipient_restrictions=permit_mynetworks,reject
  -o smtpd_sender_restrictions=
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
ms_put_file "$POSTFIX_DIR/master.cf.new" "$POSTFIX_DIR/master.cf"

ms_regen_postfix_maps || ms_die "postmap failed"

# ---------------------------------------------------------------------------------------------
# Start: Postfix first (it creates private/ in its queue dir, where Dovecot puts its sockets).
touch "$DOVECOT_LOG" "$POSTFIX_LOG"
fail() {
  echo "mailstack: $*" >&2
  echo "--- $POSTFIX_LOG (tail)" >&2; tail -n 20 "$POSTFIX_LOG" >&2 || true
  echo "--- $DOVECOT_LOG (tail)" >&2; tail -n 20 "$DOVECOT_LOG" >&2 || true
  MAILSTACK_DIR=$S "$ms_here/stop.sh" >/dev/null 2>&1 || true
  exit 1
}

if ! postfix -c "$POSTFIX_DIR" start > "$S/.postfix-start.out" 2>&1; then
  fail "postfix did not start: $(cat "$S/.postfix-start.out")"
fi
rm -f "$S/.postfix-start.out"
for _ in $(seq 1 50); do [[ -d $POSTFIX_QUEUE/private ]] && break; sleep 0.1; done
# (Output to a file: the daemonized master keeps inherited pipes open, so $(...) would hang.)
if ! dovecot -c "$DOVECOT_CONF" > "$S/.dovecot-start.out" 2>&1; then
  fail "dovecot did not start: $(cat "$S/.dovecot-start.out")"
fi
rm -f "$S/.dovecot-start.out"

if [[ $MAILSTACK_FAST_AUTH_FAIL == 1 ]]; then
  # Dovecot 2.3 also delays every login from an IP after a failed one (the anvil "auth penalty":
  # 2-15 s, remembered ~30 s), and auth_failure_delay does not switch that off. The auth process
  # runs without penalties when it cannot reach the anvil-auth-penalty socket as it starts, so
  # remove that socket and restart auth (the master starts it again on demand).
  for _ in $(seq 1 50); do dpid=$(ms_dovecot_pid) && break; sleep 0.1; done
  [[ -n ${dpid:-} ]] || fail "dovecot wrote no master.pid"
  rm -f "$DOVECOT_RUN/anvil-auth-penalty"
  auth_pids=$(pgrep -P "$dpid" -x auth || true)
  if [[ -n $auth_pids ]]; then
    # shellcheck disable=SC2086
    kill -TERM $auth_pids 2>/dev/null || true
    for _ in $(seq 1 50); do
      alive=0
      for p in $auth_pids; do [[ -d /proc/$p ]] && alive=1; done
      ((alive)) || break
      sleep 0.1
    done
  fi
fi

# Wait until IMAP greets, submission answers 220 and IMAPS listens.
probe() { # port expected-prefix goodbye
  # shellcheck disable=SC2016
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    IFS= read -r -t 2 line <&3 || exit 1
    [[ $line == "$2"* ]] || exit 1
    printf "%s\r\n" "$3" >&3
    exit 0' _ "$@" 2>/dev/null
}
deadline=$((SECONDS + timeout_s))
ok_imap=0 ok_sub=0 ok_imaps=0 ok_sieve=0 ok_inject=0
while ((SECONDS < deadline)); do
  ((ok_imap)) || { probe "$MAILSTACK_IMAP_PORT" "* OK" "a LOGOUT" && ok_imap=1; } || true
  ((ok_sub)) || { probe "$MAILSTACK_SUBMISSION_PORT" "220 " "QUIT" && ok_sub=1; } || true
  ((ok_inject)) || { probe "$MAILSTACK_INJECT_PORT" "220 " "QUIT" && ok_inject=1; } || true
  ((ok_sieve)) || { probe "$MAILSTACK_MANAGESIEVE_PORT" '"IMPLEMENTATION"' "LOGOUT" && ok_sieve=1; } || true
  ((ok_imaps)) || { ms_port_busy "$MAILSTACK_IMAPS_PORT" && ok_imaps=1; } || true
  ((ok_imap && ok_sub && ok_imaps && ok_sieve && ok_inject)) && break
  sleep 0.1
done
((ok_imap)) || fail "no IMAP greeting on 127.0.0.1:$MAILSTACK_IMAP_PORT within ${timeout_s}s"
((ok_sub)) || fail "no 220 from submission on 127.0.0.1:$MAILSTACK_SUBMISSION_PORT within ${timeout_s}s"
((ok_imaps)) || fail "nothing listens for IMAPS on 127.0.0.1:$MAILSTACK_IMAPS_PORT within ${timeout_s}s"
((ok_sieve)) || fail "no ManageSieve greeting on 127.0.0.1:$MAILSTACK_MANAGESIEVE_PORT within ${timeout_s}s"
((ok_inject)) || fail "no 220 from the injection port 127.0.0.1:$MAILSTACK_INJECT_PORT within ${timeout_s}s"

cat > "$S/env.new" <<EOF
# Written by scripts/mailstack/start.sh; source it (set -a; . ./env; set +a) or parse KEY=value.
MAILSTACK_DIR=$S
MAILSTACK_HOST=127.0.0.1
MAILSTACK_IMAP_PORT=$MAILSTACK_IMAP_PORT
MAILSTACK_IMAPS_PORT=$MAILSTACK_IMAPS_PORT
MAILSTACK_SUBMISSION_PORT=$MAILSTACK_SUBMISSION_PORT
MAILSTACK_MANAGESIEVE_PORT=$MAILSTACK_MANAGESIEVE_PORT
MAILSTACK_INJECT_PORT=$MAILSTACK_INJECT_PORT
MAILSTACK_DOMAIN=$MAILSTACK_DOMAIN
MAILSTACK_MESSAGE_SIZE_LIMIT=$MAILSTACK_MESSAGE_SIZE_LIMIT
MAILSTACK_FAST_AUTH_FAIL=$MAILSTACK_FAST_AUTH_FAIL
MAILSTACK_TLS_CERT=$SSL_DIR/cert.pem
MAILSTACK_MAIL_DIR=$MAIL_DIR
MAILSTACK_DOVECOT_LOG=$DOVECOT_LOG
MAILSTACK_POSTFIX_LOG=$POSTFIX_LOG
DOVECOT_CONF=$DOVECOT_CONF
POSTFIX_DIR=$POSTFIX_DIR
PASSWD_FILE=$PASSWD_FILE
EOF
mv -f "$S/env.new" "$S/env"

ms_say "running in $S: IMAP 127.0.0.1:$MAILSTACK_IMAP_PORT, IMAPS :$MAILSTACK_IMAPS_PORT, submission :$MAILSTACK_SUBMISSION_PORT, ManageSieve :$MAILSTACK_MANAGESIEVE_PORT, domain $MAILSTACK_DOMAIN (settings: $S/env)"
