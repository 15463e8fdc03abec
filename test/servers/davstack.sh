#!/usr/bin/env bash
# Real CalDAV/CardDAV servers on loopback for the integration tests, without systemd:
#   Radicale  :RADICALE_PORT  htpasswd users alice bob carol (password "<user>-secret"), owner_only rights,
#             file storage; speaks sync-collection (RFC 6578), getctag and ETags.
#   Xandikos  :XANDIKOS_PORT  single user, no authentication (it has none of its own), principal /user/ with a
#             default calendar and address book (--defaults); Git-backed storage.
# Neither advertises calendar-auto-schedule (RFC 6638 §2): Radicale has no scheduling at all; Xandikos
# advertises a token of its own ("calendar-auto-scheduling") and a schedule inbox, but sends nothing.
# Tests add throwaway Radicale users by appending "name:password" lines to $ROOT/etc/users (read per login).
# Usage: davstack.sh install | start | stop | status | env
set -euo pipefail

ROOT=${DAVSTACK_DIR:-/tmp/imip-davstack}
RADICALE_PORT=${RADICALE_PORT:-15232}
XANDIKOS_PORT=${XANDIKOS_PORT:-15233}
PACKAGES="radicale xandikos"
USERS="alice bob carol"

say() { printf '[davstack] %s\n' "$*" >&2; }

# A PID from a pid file, but only while that process is still the server we started.
server_pid() {
  local file=$1 needle=$2 pid
  [ -s "$file" ] || return 0
  pid=$(tr -dc '0-9' < "$file")
  [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null || return 0
  tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null | grep -qF -- "$needle" && echo "$pid" || true
}
radicale_pid() { server_pid "$ROOT/run/radicale.pid" "$ROOT/etc/radicale.conf"; }
xandikos_pid() { server_pid "$ROOT/run/xandikos.pid" "$ROOT/xandikos"; }

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
  mkdir -p "$ROOT"/{etc,run,log,radicale,xandikos}
  : > "$ROOT/etc/users.tmp"
  for u in $USERS; do echo "$u:$u-secret" >> "$ROOT/etc/users.tmp"; done
  mv "$ROOT/etc/users.tmp" "$ROOT/etc/users"
  cat > "$ROOT/etc/radicale.conf" <<EOF
[server]
hosts = 127.0.0.1:$RADICALE_PORT
max_connections = 20
max_content_length = 200000000
timeout = 60

[auth]
type = htpasswd
htpasswd_filename = $ROOT/etc/users
htpasswd_encryption = plain
delay = 0

[rights]
type = owner_only

[storage]
filesystem_folder = $ROOT/radicale

[logging]
level = warning
mask_passwords = True
EOF
}

wait_port() {
  local port=$1 i
  for i in $(seq 1 100); do
    (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && return 0
    sleep 0.1
  done
  say "port $port did not open"; return 1
}

start() {
  configure
  if [ -z "$(radicale_pid)" ]; then
    nohup radicale --config "$ROOT/etc/radicale.conf" > "$ROOT/log/radicale.log" 2>&1 &
    echo $! > "$ROOT/run/radicale.pid"
  fi
  if [ -z "$(xandikos_pid)" ]; then
    nohup xandikos --defaults -d "$ROOT/xandikos" -l 127.0.0.1 -p "$XANDIKOS_PORT" > "$ROOT/log/xandikos.log" 2>&1 &
    echo $! > "$ROOT/run/xandikos.pid"
  fi
  wait_port "$RADICALE_PORT"
  wait_port "$XANDIKOS_PORT"
  status
}

stop() {
  local pid
  for pid in $(radicale_pid) $(xandikos_pid); do kill "$pid" 2> /dev/null || true; done
  for _ in $(seq 1 50); do
    [ -z "$(radicale_pid)$(xandikos_pid)" ] && break
    sleep 0.1
  done
  status
}

status() { echo "radicale: $(radicale_pid || true) xandikos: $(xandikos_pid || true)"; }

env() {
  echo "RADICALE_URL=http://127.0.0.1:$RADICALE_PORT/"
  echo "XANDIKOS_URL=http://127.0.0.1:$XANDIKOS_PORT/"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env ;;
  *) echo "usage: $0 install|start|stop|status|env" >&2; exit 2 ;;
esac
