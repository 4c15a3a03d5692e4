<?php
/**
 * Shared bootstrap for the fixture's PHP CLI scripts (install.php, seed.php,
 * configure.php, ground_truth.php): loads Debian's packaged WordPress the way
 * a request to http://127.0.0.1:PORT/ would, so that Debian's wp-config.php
 * picks /etc/wordpress/config-127.0.0.1.php (written by up.sh).
 *
 * Must be require'd from the top level of a script (WordPress needs globals).
 */
if (PHP_SAPI !== 'cli') {
    http_response_code(403);
    exit(1);
}
// Notices go to stderr, never into JSON written on stdout.
ini_set('display_errors', 'stderr');
error_reporting(E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED & ~E_NOTICE);

// Debian's /usr/share/wordpress/wp-config.php picks its config by HTTP_HOST.
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = getenv('WP_PORT') ?: '8089';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';

if (!defined('WP_USE_THEMES')) {
    define('WP_USE_THEMES', false);
}
$longform_wp_dir = getenv('WP_DIR') ?: '/usr/share/wordpress';
if (!is_file($longform_wp_dir . '/wp-load.php')) {
    fwrite(STDERR, "WordPress not found in $longform_wp_dir (is Debian's 'wordpress' package installed? run up.sh)\n");
    exit(2);
}
if (!is_file('/etc/wordpress/config-127.0.0.1.php')) {
    fwrite(STDERR, "/etc/wordpress/config-127.0.0.1.php is missing: run tests/sites/wordpress/up.sh first\n");
    exit(2);
}
require $longform_wp_dir . '/wp-load.php';
