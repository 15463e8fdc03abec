#!/usr/bin/env bash
# Real mail servers on loopback for the integration tests, without systemd:
#   Dovecot  IMAP :IMAP_PORT (plain + STARTTLS), IMAPS :IMAPS_PORT, LMTP :LMTP_PORT,
#            submission :SUBMISSION_PORT (STARTTLS + AUTH) relaying to Postfix
#   Postfix  SMTP :SMTP_PORT on 127.0.0.1 (no AUTH, local domain only) delivering over LMTP into Dovecot
# Users (domain example.test, password "<user>-secret"): alice bob carol dave erin, plus
#   nokw    (ACL without the write right: keywords and flags cannot be stored).
# 127.0.0.2:IMAPS_PORT is the same server without IDLE (RFC 2177), for the watcher's polling path.
# Tests add throwaway users by appending "name:{PLAIN}password::::::" lines to $ROOT/etc/users.dynamic
# (Dovecot re-reads passwd-files when they change; Postfix accepts any local part of the test domain).
# Usage: mailstack.sh install | start | stop | reset | env | status
set -euo pipefail

ROOT=${MAILSTACK_DIR:-/tmp/imip-mailstack}
DOMAIN=example.test
USERS="alice bob carol dave erin"
IMAP_PORT=${IMAP_PORT:-11143}
IMAPS_PORT=${IMAPS_PORT:-11993}
LMTP_PORT=${LMTP_PORT:-12424}
SUBMISSION_PORT=${SUBMISSION_PORT:-11587}
SMTP_PORT=${SMTP_PORT:-12525}
PACKAGES="dovecot-imapd dovecot-lmtpd dovecot-submissiond postfix openssl"

say() { printf '[mailstack] %s\n' "$*" >&2; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Writes stdin to $1 only when the content changed (Postfix re-runs slow checks when main.cf is newer); a change
# is remembered in CHANGED, so that start reloads a daemon already running with the old file.
CHANGED=""
write_if_changed() {
  local tmp; tmp=$(mktemp)
  cat > "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; else chmod 644 "$tmp"; mv "$tmp" "$1"; CHANGED="$CHANGED $(basename "$1")"; fi
}

# A PID from a pid file, but only while that process is still the daemon we started.
daemon_pid() {
  local file=$1 needle=$2 pid
  [ -s "$file" ] || return 0
  pid=$(tr -dc '0-9' < "$file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$needle" && echo "$pid" || true
}
dovecot_pid() { daemon_pid "$ROOT/run/dovecot/master.pid" "dovecot -c $ROOT/etc/dovecot.conf"; }
postfix_pid() { daemon_pid "$ROOT/spool/pid/master.pid" "master"; }

install() {
  local missing="" p
  for p in $PACKAGES; do dpkg -s "$p" > /dev/null 2>&1 || missing="$missing $p"; done
  [ -z "$missing" ] && { say "packages present"; return 0; }
  # Package scripts must not try to start system daemons (no init system here).
  local policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; policy=1; fi
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing > /dev/null
  [ -n "$policy" ] && rm -f /usr/sbin/policy-rc.d
  say "installed:$missing"
}

configure() {
  mkdir -p "$ROOT"/{etc,run,log,tls,mail,spool,postfix-data,dovecot-state}
  chown mail:mail "$ROOT/mail"
  chown postfix:postfix "$ROOT/postfix-data"
  # (An older certificate without 127.0.0.2 is replaced.)
  if [ -s "$ROOT/tls/cert.pem" ] && ! openssl x509 -in "$ROOT/tls/cert.pem" -noout -text 2> /dev/null | grep -q "IP Address:127.0.0.2"; then
    rm -f "$ROOT/tls/cert.pem" "$ROOT/tls/key.pem"
  fi
  if [ ! -s "$ROOT/tls/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2" -keyout "$ROOT/tls/key.pem" -out "$ROOT/tls/cert.pem" 2> /dev/null
  fi
  {
    for u in $USERS; do echo "$u:{PLAIN}$u-secret::::::"; done
    echo "nokw:{PLAIN}nokw-secret::::::userdb_mail_plugins=acl userdb_acl=vfile:$ROOT/etc/nokw.acl"
  } | write_if_changed "$ROOT/etc/users"
  [ -f "$ROOT/etc/users.dynamic" ] || : > "$ROOT/etc/users.dynamic"
  chmod 666 "$ROOT/etc/users.dynamic"
  # Every right except "w": the user can read, append and delete, but not store flags or keywords.
  echo "* owner lrsitekxe" | write_if_changed "$ROOT/etc/nokw.acl"

  write_if_changed "$ROOT/etc/dovecot.conf" <<EOF
instance_name = imip-mailstack
base_dir = $ROOT/run/dovecot
state_dir = $ROOT/dovecot-state
log_path = $ROOT/log/dovecot.log
protocols = imap lmtp submission
listen = 127.0.0.1 127.0.0.2
hostname = mail.$DOMAIN
postmaster_address = postmaster@$DOMAIN
ssl = yes
ssl_cert = <$ROOT/tls/cert.pem
ssl_key = <$ROOT/tls/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Ln
# RFC 5233 subaddresses: mail to alice+detail@ is alice's (the organizer's reply tokens rely on it).
recipient_delimiter = +
# A wrong password must not slow down the next logins from 127.0.0.1 (tests try bad passwords).
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN $ROOT/etc/users
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN $ROOT/etc/users.dynamic
}
userdb {
  driver = passwd-file
  args = $ROOT/etc/users
  default_fields = uid=mail gid=mail home=$ROOT/mail/%n
}
userdb {
  driver = passwd-file
  args = $ROOT/etc/users.dynamic
  default_fields = uid=mail gid=mail home=$ROOT/mail/%n
}
first_valid_uid = 8
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
  mailbox Junk {
    special_use = \\Junk
    auto = create
  }
  mailbox Trash {
    special_use = \\Trash
    auto = create
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = create
  }
}
submission_relay_host = 127.0.0.1
submission_relay_port = $SMTP_PORT
submission_relay_trusted = yes
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
  inet_listener imaps_noidle {
    address = 127.0.0.2
    port = $IMAPS_PORT
    ssl = yes
  }
}
local 127.0.0.2 {
  protocol imap {
    imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY STATUS=SIZE SAVEDATE LITERAL+
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

  # Any local part of the test domain is accepted here; Dovecot's LMTP refuses users it does not know.
  echo "/^[a-z0-9._+-]+@example\\.test\$/ ok" | write_if_changed "$ROOT/etc/mailboxes"
  write_if_changed "$ROOT/etc/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $ROOT/spool
data_directory = $ROOT/postfix-data
mail_owner = postfix
setgid_group = postdrop
maillog_file_prefixes = $ROOT/log
maillog_file = $ROOT/log/postfix.log
myhostname = smtp.$DOMAIN
mydomain = $DOMAIN
myorigin = $DOMAIN
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
recipient_delimiter = +
smtpd_relay_restrictions = reject_unauth_destination
virtual_mailbox_domains = $DOMAIN
virtual_mailbox_maps = regexp:$ROOT/etc/mailboxes
virtual_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
default_transport = error:mail leaves this test machine never
alias_maps =
alias_database =
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
biff = no
# Tests restart Dovecot mid-run: one refused LMTP connection must not park the destination, or mail queued
# meanwhile, for Postfix's default minutes of back-off.
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
EOF
  write_if_changed "$ROOT/etc/master.cf" <<EOF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
lmtp      unix  - - n - - lmtp
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
EOF
}

port_open() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

start() {
  command -v dovecot > /dev/null && command -v postfix > /dev/null || { say "dovecot/postfix missing: run '$0 install'"; exit 1; }
  local t0; t0=$(ms)
  configure
  # A daemon started before its configuration changed reads it again (both reload without dropping connections).
  case "$CHANGED" in *dovecot.conf*) [ -n "$(dovecot_pid)" ] && doveadm -c "$ROOT/etc/dovecot.conf" reload 2> /dev/null || true ;; esac
  case "$CHANGED" in *main.cf*|*master.cf*) [ -n "$(postfix_pid)" ] && postfix -c "$ROOT/etc" reload > /dev/null 2>&1 || true ;; esac
  if [ -z "$(dovecot_pid)" ]; then
    rm -rf "$ROOT/run/dovecot" # stale sockets make the first login wait
    # Daemons must not keep our stdout/stderr: a CI runner reading them would wait for EOF forever.
    dovecot -c "$ROOT/etc/dovecot.conf" < /dev/null >> "$ROOT/log/dovecot.stderr" 2>&1 || { cat "$ROOT/log/dovecot.stderr" >&2; exit 1; }
  fi
  if [ -z "$(postfix_pid)" ]; then
    postfix -c "$ROOT/etc" start < /dev/null > /dev/null 2>&1 || { tail -5 "$ROOT/log/postfix.log" >&2 || true; exit 1; }
  fi
  local deadline=$(( $(ms) + 20000 )) p
  for p in $IMAP_PORT $IMAPS_PORT $LMTP_PORT $SUBMISSION_PORT $SMTP_PORT; do
    until port_open "$p"; do
      [ "$(ms)" -gt "$deadline" ] && { say "port $p did not open"; tail -n 5 "$ROOT"/log/*.log >&2 || true; exit 1; }
      sleep 0.05
    done
  done
  say "ready in $(( $(ms) - t0 )) ms"
}

stop() {
  local pids="" p i
  for p in "$(postfix_pid)" "$(dovecot_pid)"; do [ -n "$p" ] && { kill -TERM "$p" 2> /dev/null || true; pids="$pids $p"; }; done
  for p in $pids; do
    for i in $(seq 1 200); do kill -0 "$p" 2> /dev/null || break; sleep 0.05; done
    kill -0 "$p" 2> /dev/null && kill -KILL "$p" 2> /dev/null || true
  done
  say "stopped${pids:- (nothing running)}"
}

env_out() {
  cat <<EOF
MAILSTACK_DIR=$ROOT
MAILSTACK_DOMAIN=$DOMAIN
IMAP_PORT=$IMAP_PORT
IMAPS_PORT=$IMAPS_PORT
SUBMISSION_PORT=$SUBMISSION_PORT
SMTP_PORT=$SMTP_PORT
TLS_CA_FILE=$ROOT/tls/cert.pem
DOVECOT_CONF=$ROOT/etc/dovecot.conf
EOF
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  reset) stop; rm -rf "$ROOT/mail" "$ROOT/spool" "$ROOT/log" "$ROOT/dovecot-state" ;;
  env) env_out ;;
  status) echo "dovecot: $(dovecot_pid) postfix: $(postfix_pid)" ;;
  *) echo "usage: $0 install|start|stop|restart|reset|env|status" >&2; exit 2 ;;
esac
