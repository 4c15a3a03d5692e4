#!/usr/bin/env bash
# Stop the WordPress fixture started by up.sh: exactly the processes named by
# the pid files in its state dir (nginx, php-fpm, mariadbd), nothing else.
#
#   down.sh           stop; keep the state dir (next up.sh reuses the data)
#   down.sh --purge   stop, then delete the state dir and
#                     /etc/wordpress/config-127.0.0.1.php (if it is ours)
set -Eeuo pipefail

STATE="${WP_STATE_DIR:-/tmp/longform-wp}"
CONFIG_FILE=/etc/wordpress/config-127.0.0.1.php
purge=0
for a in "$@"; do
  case "$a" in
    --purge) purge=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "down.sh: unknown argument '$a'" >&2; exit 1 ;;
  esac
done

log() { echo "down.sh: $*" >&2; }

# stop NAME PIDFILE COMM TIMEOUT
stop() {
  local name="$1" pidfile="$2" comm="$3" timeout="$4" pid i
  if [ ! -s "$pidfile" ]; then log "$name: not running (no $pidfile)"; return 0; fi
  pid="$(cat "$pidfile")"
  if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null \
     || [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "$comm"* ]]; then
    log "$name: stale pid file ($pid is not a running $comm); removing it"
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid"
  for ((i = 0; i < timeout * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name: pid $pid still alive after ${timeout}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
  log "$name: stopped (pid $pid)"
}

if [ -d "$STATE" ]; then
  stop nginx "$STATE/run/nginx.pid" nginx 20
  stop php-fpm "$STATE/run/php-fpm.pid" php-fpm 20
  stop mariadbd "$STATE/run/mysqld/mysqld.pid" mariadbd 60
  rm -f "$STATE/run/php-fpm.sock" "$STATE/run/mysqld/mysqld.sock"
else
  log "no state dir $STATE: nothing to stop"
fi

if [ "$purge" = 1 ]; then
  if [ -d "$STATE" ]; then
    [ -f "$STATE/my.cnf" ] || { log "refusing to delete $STATE: it does not look like a fixture state dir"; exit 1; }
    rm -rf -- "$STATE"
    log "deleted $STATE"
  fi
  if [ -f "$CONFIG_FILE" ] && grep -q "tests/sites/wordpress/up.sh" "$CONFIG_FILE" \
     && grep -q "'LONGFORM_FIXTURE_STATE_DIR', '$STATE'" "$CONFIG_FILE"; then
    rm -f "$CONFIG_FILE"
    log "deleted $CONFIG_FILE"
  fi
fi
