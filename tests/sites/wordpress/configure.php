<?php
/**
 * Switch the running fixture's settings (normally via configure.sh):
 *   --theme SLUG                 any installed theme (--list-themes)
 *   --permalinks lwj|common|plain|/custom/%postname%/
 *   --comments-page newest|oldest   default_comments_page
 *   --comment-order asc|desc
 *   --comments-per-page N
 *   --rest on|off
 *   --markup NAME                comment markup of the test theme longform-markup (themes/)
 *   --comment-style ol|ul|div    wp_list_comments' style in that theme's core forms
 *   --date-format F --time-format F   the site's date_format / time_format (PHP date syntax)
 *   --locale de_DE|fr_FR|en_US   site language (WPLANG; packs from Debian's wordpress-l10n)
 *   --list-themes                print the installed themes (slug, block/classic, name)
 *   --show                       print the current settings as JSON (also printed after changes)
 * Rewrite rules are flushed after every change.
 */
require __DIR__ . '/_bootstrap.php';
require_once __DIR__ . '/_settings.php';

function lf_usage(string $msg): void
{
    fwrite(STDERR, "configure: $msg\n");
    exit(1);
}

$args = array_slice($argv, 1);
$changes = [];
$list = false;
for ($i = 0; $i < count($args); $i++) {
    $a = $args[$i];
    if (str_contains($a, '=') && str_starts_with($a, '--')) {
        [$a, $v] = explode('=', $a, 2);
        array_splice($args, $i + 1, 0, [$v]);
    }
    $need = function () use (&$i, $args, $a) {
        if (!isset($args[$i + 1])) {
            lf_usage("$a needs a value");
        }
        return $args[++$i];
    };
    switch ($a) {
        case '--theme': $changes['theme'] = $need(); break;
        case '--permalinks': $changes['permalinks'] = $need(); break;
        case '--comments-page': $changes['comments-page'] = $need(); break;
        case '--comment-order': $changes['comment-order'] = $need(); break;
        case '--comments-per-page': $changes['comments-per-page'] = $need(); break;
        case '--rest': $changes['rest'] = $need(); break;
        case '--markup': $changes['markup'] = $need(); break;
        case '--comment-style': $changes['comment-style'] = $need(); break;
        case '--date-format': $changes['date-format'] = $need(); break;
        case '--time-format': $changes['time-format'] = $need(); break;
        case '--locale': $changes['locale'] = $need(); break;
        case '--list-themes': $list = true; break;
        case '--show': break;
        case '-h':
        case '--help':
            preg_match('#/\*\*(.*?)\*/#s', file_get_contents(__FILE__), $m);
            echo preg_replace('/^\s*\* ?/m', '', trim($m[1])), "\n";
            exit(0);
        default: lf_usage("unknown argument '$a' (see --help)");
    }
}

if ($list) {
    foreach (wp_get_themes() as $slug => $t) {
        printf("%s\t%s\t%s\n", $slug, $t->is_block_theme() ? 'block' : 'classic', $t->get('Name'));
    }
    exit(0);
}

$fail = function ($r) {
    if (is_wp_error($r)) {
        lf_usage($r->get_error_message());
    }
};
if (isset($changes['theme'])) {
    $fail(lf_switch_theme($changes['theme']));
}
if (isset($changes['comments-page'])) {
    in_array($changes['comments-page'], ['newest', 'oldest'], true) || lf_usage('--comments-page takes newest or oldest');
    update_option('default_comments_page', $changes['comments-page']);
}
if (isset($changes['comment-order'])) {
    in_array($changes['comment-order'], ['asc', 'desc'], true) || lf_usage('--comment-order takes asc or desc');
    update_option('comment_order', $changes['comment-order']);
}
if (isset($changes['comments-per-page'])) {
    ctype_digit($changes['comments-per-page']) && (int) $changes['comments-per-page'] > 0 || lf_usage('--comments-per-page takes a positive number');
    update_option('comments_per_page', (int) $changes['comments-per-page']);
}
if (isset($changes['rest'])) {
    in_array($changes['rest'], ['on', 'off'], true) || lf_usage('--rest takes on or off');
    $fail(lf_set_rest($changes['rest'] === 'on'));
}
$fail(lf_set_display($changes));
// permalinks last: flushes rewrite rules for everything above too
$fail(lf_set_permalinks($changes['permalinks'] ?? (array_search(get_option('permalink_structure'), LF_PERMALINKS, true) ?: get_option('permalink_structure'))));

$theme = wp_get_theme();
echo json_encode([
    'home' => home_url('/'),
    'theme' => get_stylesheet(),
    'theme_kind' => $theme->is_block_theme() ? 'block' : 'classic',
    'permalink_structure' => get_option('permalink_structure'),
    'default_comments_page' => get_option('default_comments_page'),
    'comment_order' => get_option('comment_order'),
    'comments_per_page' => (int) get_option('comments_per_page'),
    'thread_comments_depth' => (int) get_option('thread_comments_depth'),
    'rest' => lf_rest_enabled() ? 'on' : 'off',
    'markup' => get_option('longform_markup', 'core-html5'),
    'comment_style' => get_option('longform_comment_style', 'ol'),
    'date_format' => get_option('date_format'),
    'time_format' => get_option('time_format'),
    'locale' => get_option('WPLANG') ?: 'en_US',
    'timezone' => wp_timezone_string(),
], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
