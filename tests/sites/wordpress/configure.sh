#!/usr/bin/env bash
# Switch the running WordPress fixture's theme, permalinks, comment paging and
# REST API; flushes rewrite rules. Examples:
#   configure.sh --theme twentytwentythree --permalinks common
#   configure.sh --comments-page oldest --rest off
#   configure.sh --list-themes      configure.sh --show      configure.sh --help
# Needs root (reads /etc/wordpress/config-127.0.0.1.php; writes the fixture's
# wp-content/mu-plugins for --rest). Prints the resulting settings as JSON.
set -Eeuo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v php >/dev/null 2>&1 || { echo "configure.sh: php not installed; run up.sh first" >&2; exit 2; }
[ "$#" -gt 0 ] || set -- --show
exec php "$HERE/configure.php" "$@" </dev/null
