#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages of the local mail system (and Chromium for the e2e tests
# when called with --with-browser). Idempotent: packages already present are not touched.
# The distro's package scripts would start Dovecot and Postfix on all interfaces; a temporary
# policy-rc.d that exits 101 stops that, and postfix's debconf is preseeded to "No configuration"
# because our own start.sh writes self-contained configs under a state dir.
set -euo pipefail

packages=(dovecot-core dovecot-imapd dovecot-lmtpd dovecot-sieve dovecot-managesieved postfix openssl iproute2)
if [[ "${1:-}" == "--with-browser" ]]; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "mailstack: packages already installed"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "mailstack: installing ${missing[*]} needs root (run as root or with sudo)" >&2
  exit 1
fi

policy=/usr/sbin/policy-rc.d
had_policy=0
if [[ -e $policy ]]; then had_policy=1; cp -p "$policy" "$policy.webmail-saved"; fi
restore_policy() {
  if [[ $had_policy -eq 1 ]]; then mv -f "$policy.webmail-saved" "$policy"; else rm -f "$policy"; fi
}
trap restore_policy EXIT
printf '#!/bin/sh\nexit 101\n' > "$policy"
chmod 755 "$policy"

echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "mailstack: installed ${missing[*]}"
