<?php
/**
 * Non-interactive WordPress install (what wp-admin/install.php does), used by
 * up.sh because wp-cli is not packaged in Debian 12. Prints "installed" or
 * "already-installed" on stdout.
 */
define('WP_INSTALLING', true);

// Pluggable in wp-admin/includes/upgrade.php: no welcome mail from a fixture.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password)
{
}

require __DIR__ . '/_bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if (is_blog_installed()) {
    echo "already-installed\n";
    exit(0);
}
$result = wp_install(
    'The Long View Journal',
    'admin',
    'admin@example.com',
    true,
    '',
    'longform-fixture-admin', // local test fixture only
    ''
);
if (empty($result['user_id'])) {
    fwrite(STDERR, "wp_install() failed\n");
    exit(1);
}
echo "installed\n";
