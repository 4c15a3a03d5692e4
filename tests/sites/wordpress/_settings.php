<?php
/**
 * Switchable settings shared by seed.php and configure.php (WordPress loaded).
 */
const LF_PERMALINKS = [
    'lwj' => '/archives/%year%/%monthnum%/%postname%.php', // FDD's Long War Journal's own structure
    'common' => '/%year%/%monthnum%/%postname%/',
    'plain' => '',                                        // ?p=123
];
const LF_REST_OFF_FILE = 'longform-rest-off.php';

function lf_switch_theme(string $slug)
{
    $theme = wp_get_theme($slug);
    if (!$theme->exists() || $theme->errors()) {
        return new WP_Error('theme', "no usable theme '$slug'; available: " . implode(', ', array_keys(wp_get_themes())));
    }
    switch_theme($slug);
    return true;
}

function lf_set_permalinks(string $which)
{
    global $wp_rewrite;
    if (array_key_exists($which, LF_PERMALINKS)) {
        $structure = LF_PERMALINKS[$which];
    } elseif (str_starts_with($which, '/') && str_contains($which, '%')) {
        $structure = $which;
    } else {
        return new WP_Error('permalinks', "unknown permalink structure '$which' (lwj, common, plain or /custom/%postname%/)");
    }
    $wp_rewrite->set_permalink_structure($structure);
    update_option('category_base', '');
    update_option('tag_base', '');
    flush_rewrite_rules(false); // false: never touch .htaccess (nginx serves this site)
    return true;
}

function lf_rest_enabled(): bool
{
    return !is_file(WPMU_PLUGIN_DIR . '/' . LF_REST_OFF_FILE);
}

/** REST API off = a must-use plugin that answers every /wp-json/ request 401. */
function lf_set_rest(bool $on)
{
    $file = WPMU_PLUGIN_DIR . '/' . LF_REST_OFF_FILE;
    if ($on) {
        if (is_file($file) && !unlink($file)) {
            return new WP_Error('rest', "cannot remove $file");
        }
        return true;
    }
    $code = <<<'PHP'
<?php
/**
 * Plugin Name: longform-archiver fixture: REST API off
 * Description: Written by configure.sh --rest off. Every REST request (/wp-json/..., ?rest_route=) gets 401, and the discovery links are gone, like a site running a "disable REST API" plugin.
 */
add_filter('rest_authentication_errors', function ($result) {
    return new WP_Error('rest_disabled', 'The REST API is disabled on this site.', array('status' => 401));
}, 99);
remove_action('wp_head', 'rest_output_link_wp_head', 10);
remove_action('template_redirect', 'rest_output_link_header', 11);
remove_action('xmlrpc_rsd_apis', 'rest_output_rsd');
PHP;
    if (!is_dir(WPMU_PLUGIN_DIR)) {
        wp_mkdir_p(WPMU_PLUGIN_DIR);
    }
    if (file_put_contents($file, $code) === false) {
        return new WP_Error('rest', "cannot write $file");
    }
    chmod($file, 0644);
    return true;
}

/** How comments print: the test theme's markup and list style, date/time formats, language. */
function lf_set_display(array $changes)
{
    if (isset($changes['markup'])) {
        $markups = ['core-html5', 'core-xhtml', 'twentyten', 'twentyeleven', 'twentytwelve', 'twentynineteen', 'twentytwenty'];
        if (!in_array($changes['markup'], $markups, true)) {
            return new WP_Error('markup', '--markup takes one of ' . implode(', ', $markups));
        }
        update_option('longform_markup', $changes['markup']);
    }
    if (isset($changes['comment-style'])) {
        if (!in_array($changes['comment-style'], ['ol', 'ul', 'div'], true)) {
            return new WP_Error('comment-style', '--comment-style takes ol, ul or div');
        }
        update_option('longform_comment_style', $changes['comment-style']);
    }
    foreach (['date-format' => 'date_format', 'time-format' => 'time_format'] as $arg => $option) {
        if (isset($changes[$arg])) {
            update_option($option, $changes[$arg]);
        }
    }
    if (isset($changes['locale'])) {
        $locale = $changes['locale'] === 'en_US' ? '' : $changes['locale'];
        if ($locale !== '' && !in_array($locale, get_available_languages(), true)) {
            return new WP_Error('locale', "no language pack '$locale' in " . WP_LANG_DIR . ' (up.sh links Debian\'s wordpress-l10n)');
        }
        update_option('WPLANG', $locale);
    }
    return true;
}
