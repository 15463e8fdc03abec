#!/usr/bin/env bash
# A second Dovecot on loopback for the sign-in and POP3 tests, separate from mailstack.sh's instance:
#   IMAPS :16193 and submission :16187 (STARTTLS) accept XOAUTH2 / OAUTHBEARER bearer tokens, checked by
#            RFC 7662 token introspection at http://127.0.0.1:16180/introspect (the OAuth provider the tests
#            start, see test/servers/oauthProvider.ts); PLAIN passwords as well.
#   POP3 :16110 (STLS, RFC 2595) and POP3S :16195, passwords and bearer tokens alike.
#   LMTP :16124 for delivering test messages; submission relays to the shared Postfix (127.0.0.1:12525).
# Users: any address; the password is "<local part>-secret", a bearer token names its user itself.
# Usage: oauthstack.sh install | start | stop | env | status
set -euo pipefail

ROOT=${OAUTHSTACK_DIR:-/tmp/imip-oauthstack}
DOMAIN=oauth.test
IMAPS_PORT=16193
POP3_PORT=16110
POP3S_PORT=16195
SUBMISSION_PORT=16187
LMTP_PORT=16124
INTROSPECT_URL=http://127.0.0.1:16180/introspect
RELAY_PORT=${SMTP_PORT:-12525}
PACKAGES="dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-submissiond openssl"

say() { printf '[oauthstack] %s\n' "$*" >&2; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }

write_if_changed() {
  local tmp; tmp=$(mktemp)
  cat > "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; else chmod 644 "$tmp"; mv "$tmp" "$1"; fi
}

dovecot_pid() {
  local file="$ROOT/run/dovecot/master.pid" pid
  [ -s "$file" ] || return 0
  pid=$(tr -dc '0-9' < "$file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "dovecot -c $ROOT/etc/dovecot.conf" && echo "$pid" || true
}

install() {
  local missing="" p
  for p in $PACKAGES; do dpkg -s "$p" > /dev/null 2>&1 || missing="$missing $p"; done
  [ -z "$missing" ] && { say "packages present"; return 0; }
  # Package scripts must not try to start system daemons (no init system here).
  local policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; policy=1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing > /dev/null
  [ -n "$policy" ] && rm -f /usr/sbin/policy-rc.d
  say "installed:$missing"
}

configure() {
  mkdir -p "$ROOT"/{etc,run,log,tls,mail,dovecot-state}
  chown mail:mail "$ROOT/mail"
  if [ ! -s "$ROOT/tls/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$ROOT/tls/key.pem" -out "$ROOT/tls/cert.pem" 2> /dev/null
  fi

  # RFC 7662 introspection with the bearer token in the Authorization header; the provider answers
  # {"active": true, "username": "<mail user>"} for a live token and {"active": false} otherwise.
  write_if_changed "$ROOT/etc/oauth2.conf.ext" <<EOF
introspection_mode = auth
introspection_url = $INTROSPECT_URL
username_attribute = username
active_attribute = active
active_value = true
force_introspection = yes
EOF

  write_if_changed "$ROOT/etc/dovecot.conf" <<EOF
instance_name = imip-oauthstack
base_dir = $ROOT/run/dovecot
state_dir = $ROOT/dovecot-state
log_path = $ROOT/log/dovecot.log
protocols = imap pop3 lmtp submission
listen = 127.0.0.1
hostname = mail.$DOMAIN
postmaster_address = postmaster@$DOMAIN
ssl = yes
ssl_cert = <$ROOT/tls/cert.pem
ssl_key = <$ROOT/tls/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain login xoauth2 oauthbearer
auth_username_format = %Lu
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $ROOT/etc/oauth2.conf.ext
}
# Every user's password is "<local part>-secret": tests make throwaway users without touching a file (a
# passwd-file is re-read at most once a second, so a user added right after a login would be unknown).
passdb {
  driver = static
  mechanisms = plain login
  args = password=%n-secret
}
# Every authenticated user has a mailbox (a token names users no passwd-file lists).
userdb {
  driver = static
  args = uid=mail gid=mail home=$ROOT/mail/%u allow_all_users=yes
}
first_valid_uid = 8
mail_location = maildir:~/Maildir
pop3_uidl_format = %08Xu%08Xv
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
submission_relay_host = 127.0.0.1
submission_relay_port = $RELAY_PORT
submission_relay_trusted = yes
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $POP3_PORT
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = $POP3S_PORT
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
service submission-login {
  inet_listener submission {
    address = 127.0.0.1
    port = $SUBMISSION_PORT
  }
}
EOF
}

port_open() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

start() {
  command -v dovecot > /dev/null && [ -x /usr/lib/dovecot/pop3 ] || { say "dovecot (with pop3d) missing: run '$0 install'"; exit 1; }
  local t0; t0=$(ms)
  configure
  if [ -z "$(dovecot_pid)" ]; then
    rm -rf "$ROOT/run/dovecot"
    dovecot -c "$ROOT/etc/dovecot.conf" < /dev/null >> "$ROOT/log/dovecot.stderr" 2>&1 || { cat "$ROOT/log/dovecot.stderr" >&2; exit 1; }
  fi
  local deadline=$(( $(ms) + 20000 )) p
  for p in $IMAPS_PORT $POP3_PORT $POP3S_PORT $SUBMISSION_PORT $LMTP_PORT; do
    until port_open "$p"; do
      [ "$(ms)" -gt "$deadline" ] && { say "port $p did not open"; tail -n 5 "$ROOT"/log/*.log >&2 || true; exit 1; }
      sleep 0.05
    done
  done
  say "ready in $(( $(ms) - t0 )) ms"
}

stop() {
  local p i
  p=$(dovecot_pid)
  [ -z "$p" ] && { say "stopped (nothing running)"; return 0; }
  kill -TERM "$p" 2> /dev/null || true
  for i in $(seq 1 200); do kill -0 "$p" 2> /dev/null || break; sleep 0.05; done
  kill -0 "$p" 2> /dev/null && kill -KILL "$p" 2> /dev/null || true
  say "stopped $p"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  env) echo "OAUTHSTACK_DIR=$ROOT"; echo "OAUTHSTACK_CA_FILE=$ROOT/tls/cert.pem" ;;
  status) echo "dovecot: $(dovecot_pid)" ;;
  *) echo "usage: $0 install|start|stop|restart|env|status" >&2; exit 2 ;;
esac
