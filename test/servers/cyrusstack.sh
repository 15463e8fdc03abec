#!/usr/bin/env bash
# Cyrus IMAP's CalDAV server (Debian cyrus-caldav) on loopback for the scheduling tests, without systemd:
#   httpd   :CYRUS_HTTP_PORT  CalDAV with implicit scheduling (RFC 6638: calendar-auto-schedule in the DAV
#           header); users alice bob carol (password "<user>-secret", sasldb), addresses <user>@example.test.
#           Events of any date are scheduled (caldav_historical_age: -1): the tests use fixed dates that may be
#           past, and Cyrus otherwise sends nothing for events over a week old.
#   notifyd gets the iMIP messages Cyrus schedules for attendees outside the server; its external method is a
#           script that appends each one (JSON with recipient, sender, ical) as a line to $ROOT/log/imip.log
#           instead of mailing it.
# Cyrus refuses to run as root: the servers run as the "cyrus" user the package creates.
# Usage: cyrusstack.sh install | start | stop | status | env
set -euo pipefail

ROOT=${CYRUSSTACK_DIR:-/tmp/imip-cyrusstack}
HTTP_PORT=${CYRUS_HTTP_PORT:-15680}
IMAP_PORT=${CYRUS_IMAP_PORT:-15681}
# cyrus-imapd is not installed: it conflicts with dovecot-imapd, which the mail tests need. Its imapd (one binary,
# for the first login that creates a user's mailbox) is unpacked from the package into IMAPD_DIR instead.
PACKAGES="cyrus-caldav cyrus-common sasl2-bin curl"
IMAPD_DIR=${CYRUS_IMAPD_DIR:-/var/lib/imip-cyrusstack}
IMAPD=$IMAPD_DIR/usr/lib/cyrus/bin/imapd
USERS="alice bob carol"

say() { printf '[cyrusstack] %s\n' "$*" >&2; }

master_pid() {
  local pid
  [ -s "$ROOT/run/master.pid" ] || return 0
  pid=$(tr -dc '0-9' < "$ROOT/run/master.pid")
  [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null || return 0
  tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null | grep -qF -- "$ROOT/etc/cyrus.conf" && echo "$pid" || true
}

install() {
  local missing="" p
  for p in $PACKAGES; do dpkg -s "$p" > /dev/null 2>&1 || missing="$missing $p"; done
  [ -z "$missing" ] && [ -x "$IMAPD" ] && { say "packages present"; return 0; }
  local policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; policy=1; fi
  apt-get update -qq
  [ -n "$missing" ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing > /dev/null
  [ -n "$policy" ] && rm -f /usr/sbin/policy-rc.d
  if [ ! -x "$IMAPD" ]; then
    local tmp
    tmp=$(mktemp -d)
    chmod 755 "$tmp"
    (cd "$tmp" && apt-get download -qq cyrus-imapd > /dev/null)
    mkdir -p "$IMAPD_DIR"
    dpkg-deb -x "$tmp"/cyrus-imapd_*.deb "$IMAPD_DIR"
    rm -rf "$tmp"
    chmod -R a+rX "$IMAPD_DIR"
  fi
  say "installed:$missing imapd"
}

configure() {
  mkdir -p "$ROOT"/{etc,run,log,spool,socket} "$ROOT"/lib/{db,log,msg,proc,ptclient,quota,sieve,socket,user,lock}
  cat > "$ROOT/etc/imapd.conf" <<CONF
configdirectory: $ROOT/lib
partition-default: $ROOT/spool
idlesocket: $ROOT/socket/idle
notifysocket: $ROOT/socket/notify
lmtpsocket: $ROOT/socket/lmtp
mboxname_lockpath: $ROOT/lib/lock
proc_path: $ROOT/run/proc
servername: localhost
defaultdomain: example.test
admins: cyrus
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $ROOT/etc/sasldb2
sasl_mech_list: PLAIN LOGIN
httpmodules: caldav
httpallowcompress: no
caldav_allowscheduling: on
caldav_create_default: yes
caldav_create_sched: yes
calendar_user_address_set: example.test
caldav_historical_age: -1
imipnotifier: external
notify_external: $ROOT/etc/imip-notify
autocreate_quota: 0
autocreate_post: yes
syslog_prefix: cyrusstack
CONF
  cat > "$ROOT/etc/cyrus.conf" <<CONF
START {
  recover cmd="ctl_cyrusdb -r -C $ROOT/etc/imapd.conf"
}
SERVICES {
  http cmd="httpd -C $ROOT/etc/imapd.conf" listen="127.0.0.1:$HTTP_PORT" prefork=1
  imap cmd="$IMAPD -C $ROOT/etc/imapd.conf" listen="127.0.0.1:$IMAP_PORT" prefork=1 maxchild=1
  notify cmd="notifyd -C $ROOT/etc/imapd.conf" listen="$ROOT/socket/notify" proto="udp" prefork=1
}
EVENTS {
}
CONF
  cat > "$ROOT/etc/imip-notify" <<CONF
#!/bin/sh
# notifyd's external method gets each iMIP message Cyrus schedules (JSON: recipient, sender, ical) on stdin:
# keep it, one message per line, instead of mailing it.
{ cat; echo; } >> "$ROOT/log/imip.log"
CONF
  chmod 755 "$ROOT/etc/imip-notify"
  touch "$ROOT/log/imip.log"
  rm -f "$ROOT/etc/sasldb2"
  for u in $USERS; do echo "$u-secret" | saslpasswd2 -p -c -f "$ROOT/etc/sasldb2" -u localhost "$u"; done
  chown -R cyrus:mail "$ROOT"
  chmod 640 "$ROOT/etc/sasldb2"
}

wait_port() {
  local port=$1 i
  for i in $(seq 1 150); do
    (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && return 0
    sleep 0.1
  done
  say "port $port did not open"; return 1
}

# CalDAV needs the user's mailbox, which Cyrus creates at the first IMAP login (autocreate_quota); the first
# request to the calendar home then creates the default calendar, Inbox and Outbox. Until both happened, Cyrus
# takes the user for someone outside the server and schedules to them by iMIP instead of into their calendar.
# One imapd process makes all the mailboxes (prefork=1 maxchild=1 above): with a fresh process per login, two
# users now and then got the same mailbox id and so one DAV database between them (seen as a 403
# unique-scheduling-object-resource naming the other user's event); made by one process, they never did.
provision() {
  local u=$1 reply
  exec 3<> "/dev/tcp/127.0.0.1/$IMAP_PORT"
  printf 'a LOGIN %s %s-secret\r\nb LOGOUT\r\n' "$u" "$u" >&3
  reply=$(timeout 10 cat <&3 || true)
  exec 3<&-
  grep -q '^a OK' <<< "$reply" || { say "IMAP login of $u failed: $reply"; return 1; }
  curl -sf -o /dev/null -u "$u:$u-secret" -X PROPFIND -H 'Depth: 1' "http://127.0.0.1:$HTTP_PORT/dav/calendars/user/$u/" ||
    { say "CalDAV home of $u not created"; return 1; }
}

start() {
  if [ -z "$(master_pid)" ]; then
    # Each start begins empty: what earlier runs left on the server (their events, scheduling state) would
    # answer the tests' fixed UIDs and addresses in their place.
    [ -f "$ROOT/etc/cyrus.conf" ] && rm -rf "$ROOT"
    configure
    runuser -u cyrus -- /usr/lib/cyrus/bin/master -C "$ROOT/etc/imapd.conf" -M "$ROOT/etc/cyrus.conf" \
      -p "$ROOT/run/master.pid" -d -L "$ROOT/log/master.log"
  fi
  wait_port "$HTTP_PORT"
  wait_port "$IMAP_PORT"
  for u in $USERS; do provision "$u"; done
  status
}

stop() {
  local pid
  pid=$(master_pid)
  [ -n "$pid" ] && kill "$pid" 2> /dev/null || true
  for _ in $(seq 1 50); do
    [ -z "$(master_pid)" ] && break
    sleep 0.1
  done
  status
}

status() { echo "cyrus: $(master_pid || true)"; }

env() { echo "CYRUS_URL=http://127.0.0.1:$HTTP_PORT/"; }

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env ;;
  *) echo "usage: $0 install|start|stop|status|env" >&2; exit 2 ;;
esac
