#!/usr/bin/env bash
# Bring up a real, seeded WordPress (Debian 12's own packages) on 127.0.0.1 for
# longform-archiver's tests. See README.md beside this file.
#
#   WP_STATE_DIR  private state folder (default /tmp/longform-wp)
#   WP_PORT       HTTP port on 127.0.0.1 (default 8089)
#   WP_THEME / WP_PERMALINKS / WP_COMMENTS_PAGE   seed-time defaults (see seed.php)
#
# Idempotent: what is already installed/running/seeded is reused. Prints the
# base URL on stdout (and nothing else) once the site answers.
# Exit codes: 0 up; 1 error; 2 this machine cannot host it (not root, no apt,
# packages cannot be installed).
set -Eeuo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${WP_STATE_DIR:-/tmp/longform-wp}"
PORT="${WP_PORT:-8089}"
HOST=127.0.0.1
BASE_URL="http://$HOST:$PORT"
WP_DIR=/usr/share/wordpress
CONFIG_FILE="/etc/wordpress/config-$HOST.php"
DB_NAME=wordpress
DB_USER=wordpress
DB_PASSWORD=longform-fixture # local socket only; test fixture

log() { echo "up.sh: $*" >&2; }
die() { echo "up.sh: ERROR: $*" >&2; exit 1; }
cannot() { echo "up.sh: CANNOT RUN HERE: $*" >&2; exit 2; }

case "$STATE" in
  /*) ;;
  *) die "WP_STATE_DIR must be an absolute path (got '$STATE')" ;;
esac
[[ "$PORT" =~ ^[0-9]+$ ]] || die "WP_PORT must be a number (got '$PORT')"

[ "$(id -u)" = 0 ] || cannot "must run as root (it installs Debian packages, writes $CONFIG_FILE and runs mariadbd/php-fpm/nginx as the mysql and www-data users)"
command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 \
  || cannot "apt-get/dpkg not found: this fixture needs Debian 12 (bookworm) packages"

# One fixture per machine: the config file is keyed by host, not by port, and
# the seeded content holds absolute URLs with the port it was seeded under.
if [ -f "$STATE/port" ] && [ "$(cat "$STATE/port")" != "$PORT" ]; then
  die "$STATE was set up for port $(cat "$STATE/port"); use WP_PORT=$(cat "$STATE/port") or start over with down.sh --purge"
fi
if [ -f "$CONFIG_FILE" ]; then
  other="$(sed -n "s/^define('LONGFORM_FIXTURE_STATE_DIR', '\(.*\)');$/\1/p" "$CONFIG_FILE")"
  if [ -n "$other" ] && [ "$other" != "$STATE" ] && [ -s "$other/run/nginx.pid" ] \
     && kill -0 "$(cat "$other/run/nginx.pid")" 2>/dev/null; then
    die "another fixture is running from $other; stop it first: WP_STATE_DIR=$other $HERE/down.sh"
  fi
fi

# ---------------------------------------------------------------- packages --
PKGS=(
  wordpress
  wordpress-theme-twentytwentyone wordpress-theme-twentytwentytwo wordpress-theme-twentytwentythree
  mariadb-server mariadb-client
  php-fpm php-mysql php-cli php-xml php-mbstring php-gd
  nginx curl
  wordpress-l10n
  redis-server  # not for WordPress: the Redis worker tests start their own (tests/redis_server.py)
)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for p in "${PKGS[@]}"; do installed "$p" || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the packages' own services (system mariadb, nginx on :80, php-fpm's
  # www pool) from starting: we run private instances only.
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from longform-archiver tests/sites/wordpress/up.sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
    trap '[ "$own_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  # "wordpress" depends on "libapache2-mod-php | php"; ask for php (-> php-fpm)
  # and refuse the Apache module when it is not installed already.
  extra=(php)
  for p in libapache2-mod-php libapache2-mod-php8.2; do
    if ! installed "$p" && apt-cache show "$p" >/dev/null 2>&1; then extra+=("$p-"); fi
  done
  apt_log="$(mktemp)"
  if ! apt-get update -q </dev/null >"$apt_log" 2>&1; then
    tail -n 20 "$apt_log" >&2; rm -f "$apt_log"
    cannot "apt-get update failed (no access to Debian's package mirror?)"
  fi
  if ! apt-get install -y -q --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      "${missing[@]}" "${extra[@]}" </dev/null >>"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2; rm -f "$apt_log"
    cannot "apt-get install failed for: ${missing[*]}"
  fi
  rm -f "$apt_log"
  if [ "$own_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; own_policy=0; fi
fi

MARIADBD="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
PHP_FPM="$(ls /usr/sbin/php-fpm[0-9]* 2>/dev/null | sort -V | tail -n 1 || true)"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
for b in "$MARIADBD" "$PHP_FPM" "$NGINX" /usr/bin/mariadb-install-db /usr/bin/mariadb /usr/bin/mariadb-admin /usr/bin/php "$WP_DIR/wp-load.php"; do
  [ -n "$b" ] && [ -e "$b" ] || die "expected file missing after install: '${b:-php-fpm}'"
done
id mysql >/dev/null 2>&1 || die "user 'mysql' missing (mariadb-server should have created it)"
id www-data >/dev/null 2>&1 || die "user 'www-data' missing"

# -------------------------------------------------------------- state dir --
mkdir -p "$STATE"/{run,logs,nginx} "$STATE"/tmp "$STATE"/mysql "$STATE"/run/mysqld \
  "$STATE"/wp-content/{themes,plugins,mu-plugins,uploads,languages}
chmod 755 "$STATE" "$STATE"/run "$STATE"/logs "$STATE"/nginx
[ -f "$STATE/port" ] || echo "$PORT" >"$STATE/port"
chmod 1777 "$STATE"/tmp
chown mysql:mysql "$STATE"/mysql "$STATE"/run/mysqld
chmod 750 "$STATE"/mysql
touch "$STATE"/logs/mariadb.log "$STATE"/logs/php-errors.log
chown mysql:mysql "$STATE"/logs/mariadb.log
chown www-data:www-data "$STATE"/logs/php-errors.log
# wp-content: the packaged themes are linked, uploads are the web server's.
for t in "$WP_DIR"/wp-content/themes/*/; do
  [ -d "$t" ] || continue
  ln -sfn "${t%/}" "$STATE/wp-content/themes/$(basename "$t")"
done
# The fixture's own test themes (themes/), and two of Debian's language packs (wordpress-l10n).
for t in "$HERE"/themes/*/; do
  [ -d "$t" ] && ln -sfn "${t%/}" "$STATE/wp-content/themes/$(basename "$t")"
done
for f in "$WP_DIR"/wp-content/languages/{de_DE,fr_FR,continents-cities-de_DE,continents-cities-fr_FR}.mo; do
  [ -f "$f" ] && ln -sfn "$f" "$STATE/wp-content/languages/$(basename "$f")"
done
cp -f "$WP_DIR"/wp-content/plugins/index.php "$STATE"/wp-content/index.php 2>/dev/null || true
install -m 644 "$HERE"/mu-plugins/longform-fixture.php "$STATE"/wp-content/mu-plugins/longform-fixture.php
chown www-data:www-data "$STATE"/wp-content "$STATE"/wp-content/uploads "$STATE"/wp-content/languages
chown -R www-data:www-data "$STATE"/wp-content/uploads

MYSQL_SOCK="$STATE/run/mysqld/mysqld.sock"
FPM_SOCK="$STATE/run/php-fpm.sock"

# ------------------------------------------------------------ config files --
cat >"$STATE/my.cnf" <<EOF
# private MariaDB for the longform-archiver WordPress fixture (up.sh)
[client]
socket = $MYSQL_SOCK

[mariadbd]
user = mysql
datadir = $STATE/mysql
socket = $MYSQL_SOCK
pid-file = $STATE/run/mysqld/mysqld.pid
log-error = $STATE/logs/mariadb.log
tmpdir = $STATE/tmp
skip-networking
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
innodb_buffer_pool_size = 64M
innodb_log_file_size = 8M
performance_schema = OFF
max_connections = 50
EOF

cat >"$STATE/php-fpm.conf" <<EOF
; private php-fpm for the longform-archiver WordPress fixture (up.sh)
[global]
pid = $STATE/run/php-fpm.pid
error_log = $STATE/logs/php-fpm.log
daemonize = yes

[wordpress]
user = www-data
group = www-data
listen = $FPM_SOCK
listen.owner = www-data
listen.group = www-data
listen.mode = 0660
pm = static
pm.max_children = ${WP_FPM_CHILDREN:-4}
catch_workers_output = yes
php_admin_flag[log_errors] = on
php_admin_value[error_log] = $STATE/logs/php-errors.log
php_admin_value[upload_tmp_dir] = $STATE/tmp
php_admin_value[sys_temp_dir] = $STATE/tmp
php_admin_value[session.save_path] = $STATE/tmp
php_admin_value[memory_limit] = 256M
EOF

# Debian's fastcgi_params passes HTTP_HOST as $host, which drops the port
# (a security update); WordPress then redirects http://127.0.0.1:PORT/ to
# itself forever. Ours passes host:port (server_name is fixed to 127.0.0.1).
grep -v '^[[:space:]]*fastcgi_param[[:space:]]\+HTTP_HOST[[:space:]]' /etc/nginx/fastcgi_params >"$STATE/fastcgi_params"
# shellcheck disable=SC2016 # nginx variables, not shell ones
echo 'fastcgi_param  HTTP_HOST        $host:$server_port;' >>"$STATE/fastcgi_params"

cat >"$STATE/nginx.conf" <<EOF
# private nginx for the longform-archiver WordPress fixture (up.sh)
user www-data;
worker_processes 1;
pid $STATE/run/nginx.pid;
error_log $STATE/logs/nginx-error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log $STATE/logs/nginx-access.log;
  client_body_temp_path $STATE/nginx/client_body;
  proxy_temp_path $STATE/nginx/proxy;
  fastcgi_temp_path $STATE/nginx/fastcgi;
  uwsgi_temp_path $STATE/nginx/uwsgi;
  scgi_temp_path $STATE/nginx/scgi;
  sendfile on;
  server_tokens off;
  client_max_body_size 8m;
  # As Debian's own nginx.conf: HTML goes out gzip'd (gzip_types defaults to text/html), as on
  # most WordPress hosts, so crawls archive a Content-Encoding the way real sites send it. Feeds
  # stay plain, so WordPress's strong feed ETags reach the client unchanged.
  gzip on;

  server {
    listen $HOST:$PORT;
    server_name $HOST;
    root $WP_DIR;
    index index.php;

    # Debian keeps wp-content outside the code (README.Debian); ours is private.
    location ^~ /wp-content/ {
      alias $STATE/wp-content/;
      location ~ \.php\$ { return 403; }
    }
    location / {
      try_files \$uri \$uri/ /index.php?\$args;
    }
    # Also serves pretty permalinks ending in .php (/archives/2014/05/x.php).
    location ~ \.php\$ {
      try_files \$uri /index.php?\$args;
      include $STATE/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      fastcgi_pass unix:$FPM_SOCK;
    }
  }
}
EOF

# WordPress config as Debian's package wants it (see $WP_DIR/wp-config.php).
mkdir -p /etc/wordpress
cfg_tmp="$(mktemp)"
cat >"$cfg_tmp" <<EOF
<?php
/* Written by longform-archiver tests/sites/wordpress/up.sh: a local test
 * fixture (state in $STATE), not a real site. Rewritten by every up.sh run. */
define('DB_NAME', '$DB_NAME');
define('DB_USER', '$DB_USER');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost:$MYSQL_SOCK');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';

define('WP_HOME', '$BASE_URL');
define('WP_SITEURL', '$BASE_URL');
define('WP_CONTENT_DIR', '$STATE/wp-content');
define('WP_CONTENT_URL', '$BASE_URL/wp-content');
define('WP_TEMP_DIR', '$STATE/tmp');
define('LONGFORM_FIXTURE_STATE_DIR', '$STATE');

/* No cron, no updates, no outgoing HTTP (only the loopback is allowed). */
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISALLOW_FILE_MODS', true);
define('WP_DEBUG', false);

/* Fixed keys: a throw-away local fixture. */
define('AUTH_KEY',         'longform-fixture-auth-key');
define('SECURE_AUTH_KEY',  'longform-fixture-secure-auth-key');
define('LOGGED_IN_KEY',    'longform-fixture-logged-in-key');
define('NONCE_KEY',        'longform-fixture-nonce-key');
define('AUTH_SALT',        'longform-fixture-auth-salt');
define('SECURE_AUTH_SALT', 'longform-fixture-secure-auth-salt');
define('LOGGED_IN_SALT',   'longform-fixture-logged-in-salt');
define('NONCE_SALT',       'longform-fixture-nonce-salt');
EOF
if ! cmp -s "$cfg_tmp" "$CONFIG_FILE" 2>/dev/null; then
  if [ -f "$CONFIG_FILE" ] && ! grep -q "tests/sites/wordpress/up.sh" "$CONFIG_FILE"; then
    rm -f "$cfg_tmp"
    die "$CONFIG_FILE exists and was not written by this fixture; refusing to overwrite it"
  fi
  install -m 640 -o root -g www-data "$cfg_tmp" "$CONFIG_FILE"
  log "wrote $CONFIG_FILE"
fi
rm -f "$cfg_tmp"

# --------------------------------------------------------------- services --
# alive PIDFILE COMM: the pid file names a live process with that name.
alive() {
  local pid
  [ -s "$1" ] || return 1
  pid="$(cat "$1" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$2"* ]]
}
wait_for() { # wait_for SECONDS CMD...: until CMD succeeds
  local secs="$1"; shift
  local i
  for ((i = 0; i < secs * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  return 1
}

# MariaDB
MYSQL_PID="$STATE/run/mysqld/mysqld.pid"
if alive "$MYSQL_PID" mariadbd; then
  log "mariadbd already running (pid $(cat "$MYSQL_PID"))"
else
  rm -f "$MYSQL_PID" "$MYSQL_SOCK"
  if [ ! -d "$STATE/mysql/mysql" ]; then
    log "initialising MariaDB data dir $STATE/mysql"
    /usr/bin/mariadb-install-db --defaults-file="$STATE/my.cnf" \
      --auth-root-authentication-method=socket --skip-test-db \
      >"$STATE/logs/mariadb-install.log" 2>&1 \
      || { tail -n 20 "$STATE/logs/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
  fi
  log "starting mariadbd"
  setsid "$MARIADBD" --defaults-file="$STATE/my.cnf" </dev/null >>"$STATE/logs/mariadb.out" 2>&1 &
  if ! wait_for 60 /usr/bin/mariadb-admin --defaults-file="$STATE/my.cnf" -uroot ping; then
    tail -n 20 "$STATE/logs/mariadb.log" >&2
    die "mariadbd did not come up (log: $STATE/logs/mariadb.log)"
  fi
fi
/usr/bin/mariadb --defaults-file="$STATE/my.cnf" -uroot <<EOF
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
EOF

# php-fpm
FPM_PID="$STATE/run/php-fpm.pid"
if alive "$FPM_PID" php-fpm; then
  log "php-fpm already running (pid $(cat "$FPM_PID"))"
else
  rm -f "$FPM_PID" "$FPM_SOCK"
  "$PHP_FPM" --fpm-config "$STATE/php-fpm.conf" -t >"$STATE/logs/php-fpm-test.log" 2>&1 \
    || { cat "$STATE/logs/php-fpm-test.log" >&2; die "php-fpm config test failed"; }
  log "starting $(basename "$PHP_FPM")"
  "$PHP_FPM" --fpm-config "$STATE/php-fpm.conf" </dev/null >>"$STATE/logs/php-fpm.out" 2>&1 \
    || { tail -n 20 "$STATE/logs/php-fpm.log" >&2; die "php-fpm failed to start"; }
  wait_for 20 test -S "$FPM_SOCK" || die "php-fpm socket $FPM_SOCK did not appear"
fi

# nginx
NGINX_PID="$STATE/run/nginx.pid"
if alive "$NGINX_PID" nginx; then
  log "nginx already running (pid $(cat "$NGINX_PID")); reloading its config"
  "$NGINX" -s reload -p "$STATE/nginx" -c "$STATE/nginx.conf" -e "$STATE/logs/nginx-error.log" \
    >>"$STATE/logs/nginx.out" 2>&1 || die "nginx reload failed; see $STATE/logs/nginx-error.log"
else
  rm -f "$NGINX_PID"
  if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
    die "port $HOST:$PORT is already in use by another process; set WP_PORT"
  fi
  "$NGINX" -t -q -p "$STATE/nginx" -c "$STATE/nginx.conf" -e "$STATE/logs/nginx-error.log" \
    >"$STATE/logs/nginx-test.log" 2>&1 \
    || { cat "$STATE/logs/nginx-test.log" >&2; die "nginx config test failed"; }
  log "starting nginx on $HOST:$PORT"
  "$NGINX" -p "$STATE/nginx" -c "$STATE/nginx.conf" -e "$STATE/logs/nginx-error.log" \
    </dev/null >>"$STATE/logs/nginx.out" 2>&1 \
    || { tail -n 20 "$STATE/logs/nginx-error.log" >&2; die "nginx failed to start"; }
  wait_for 20 test -s "$NGINX_PID" || die "nginx did not write $NGINX_PID"
fi

# ------------------------------------------------------- install and seed --
wp_php() { # run a fixture PHP script as root, then give uploads back to www-data
  local rc=0
  WP_PORT="$PORT" /usr/bin/php "$@" </dev/null || rc=$?
  chown -R www-data:www-data "$STATE"/wp-content/uploads
  return "$rc"
}
status="$(wp_php "$HERE/install.php")" || die "WordPress install failed"
log "wordpress: $status"
seed_out="$(wp_php "$HERE/seed.php")" || die "seeding failed"
log "seed: $seed_out"
names_out="$(wp_php "$HERE/seed_names.php")" || die "naming the display-filter commenters failed"
log "seed: $names_out"

# ------------------------------------------------------------------ ready --
code=""
for ((i = 0; i < 120; i++)); do
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE_URL/" || true)"
  [ "$code" = 200 ] && break
  sleep 0.25
done
[ "$code" = 200 ] || die "site did not answer 200 at $BASE_URL/ (last status '$code'; logs in $STATE/logs)"
log "up: $BASE_URL (state $STATE; stop with $HERE/down.sh)"
echo "$BASE_URL"
