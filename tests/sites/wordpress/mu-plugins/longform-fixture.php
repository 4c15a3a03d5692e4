<?php
/**
 * Plugin Name: longform-archiver fixture helpers
 * Description: Copied into the fixture's wp-content/mu-plugins by up.sh. Keeps the test site quiet.
 */

// A test fixture never sends mail (comment notifications, install mail, ...).
add_filter('pre_wp_mail', '__return_false');
