<?php
/**
 * Ground truth for crawl tests, exported from WordPress itself (its database
 * and its own functions: get_permalink, get_the_title, get_comment_link, ...),
 * never from longform-archiver's extractor. Writes JSON to stdout:
 *
 *   php tests/sites/wordpress/ground_truth.php > truth.json     (as root)
 *
 * Reflects the current settings (theme, permalinks, comment paging), so run it
 * after configure.sh. Text fields: `title` is WordPress's rendered title
 * (wptexturize etc.) with HTML entities decoded, `title_raw` the stored one;
 * names (authors, terms, commenters) are the stored values, entities decoded.
 * Dates: *_gmt as stored ("Y-m-d H:i:s", UTC) plus ISO 8601 *_utc.
 */
require __DIR__ . '/_bootstrap.php';
require_once __DIR__ . '/_settings.php';

function gt_text(?string $s): string
{
    return html_entity_decode((string) $s, ENT_QUOTES | ENT_HTML5, 'UTF-8');
}
function gt_iso(string $gmt): ?string
{
    return ($gmt === '' || str_starts_with($gmt, '0000')) ? null : str_replace(' ', 'T', $gmt) . 'Z';
}
function gt_terms(int $post_id, string $tax): array
{
    $out = [];
    foreach (wp_get_object_terms($post_id, $tax, ['orderby' => 'term_id']) as $t) {
        $out[] = ['id' => (int) $t->term_id, 'name' => gt_text($t->name), 'name_raw' => $t->name,
            'slug' => $t->slug, 'url' => get_term_link($t)];
    }
    return $out;
}

global $wpdb;
$per_page = (int) get_option('comments_per_page');
$threaded = (bool) get_option('thread_comments');

/* posts: published, no password */
$public = [];
$hidden_posts = [];
$rows = $wpdb->get_results("SELECT ID, post_status, post_password, post_type, post_title FROM {$wpdb->posts}
    WHERE post_type IN ('post', 'page') AND post_status NOT IN ('auto-draft', 'inherit') ORDER BY post_date_gmt, ID");
foreach ($rows as $r) {
    if ($r->post_status === 'publish' && $r->post_password === '') {
        $public[$r->post_type][] = (int) $r->ID;
    } else {
        $hidden_posts[] = ['id' => (int) $r->ID, 'type' => $r->post_type, 'status' => $r->post_status,
            'password_protected' => $r->post_password !== '', 'title_raw' => $r->post_title];
    }
}

$authors = [];
$posts = [];
$url_of = [];
foreach ($public['post'] ?? [] as $id) {
    $p = get_post($id);
    $u = get_userdata((int) $p->post_author);
    $authors[$u->ID] = $u;
    $approved = get_comments(['post_id' => $id, 'status' => 'approve', 'type' => 'all', 'hierarchical' => false]);
    $url_of[$id] = get_permalink($p);
    $thumb = get_post_thumbnail_id($p);
    $posts[] = [
        'id' => $id,
        'url' => $url_of[$id],
        'slug' => $p->post_name,
        'title' => gt_text(get_the_title($p)),
        'title_raw' => $p->post_title,
        'author' => ['id' => (int) $u->ID, 'display_name' => gt_text($u->display_name), 'url' => get_author_posts_url($u->ID)],
        'post_date' => $p->post_date,
        'post_date_gmt' => $p->post_date_gmt,
        'post_modified_gmt' => $p->post_modified_gmt,
        'published_utc' => gt_iso($p->post_date_gmt),
        'modified_utc' => gt_iso($p->post_modified_gmt),
        'edited_after_publishing' => $p->post_modified_gmt > $p->post_date_gmt,
        'categories' => gt_terms($id, 'category'),
        'tags' => gt_terms($id, 'post_tag'),
        'comment_status' => $p->comment_status,
        'ping_status' => $p->ping_status,
        'comment_count' => count($approved),
        'comment_pages' => get_option('page_comments') ? max(1, (int) get_comment_pages_count($approved, $per_page, $threaded)) : 1,
        'featured_image' => $thumb ? wp_get_attachment_url($thumb) : null,
        'block_markup' => has_blocks($p->post_content),
        'word_count' => str_word_count(wp_strip_all_tags(strip_shortcodes($p->post_content))),
    ];
}
$pages = [];
foreach ($public['page'] ?? [] as $id) {
    $p = get_post($id);
    $pages[] = ['id' => $id, 'url' => get_permalink($p), 'title' => gt_text(get_the_title($p)),
        'post_date_gmt' => $p->post_date_gmt, 'post_modified_gmt' => $p->post_modified_gmt];
}

/* comments: approved, on public posts; depth from the parent chain */
$all = $wpdb->get_results("SELECT * FROM {$wpdb->comments} ORDER BY comment_ID");
$by_id = [];
foreach ($all as $c) {
    $by_id[(int) $c->comment_ID] = $c;
}
$depth = function (int $id) use ($by_id): int {
    $d = 1;
    $seen = [];
    while (($p = (int) $by_id[$id]->comment_parent) && isset($by_id[$p]) && !isset($seen[$p])) {
        $seen[$p] = true;
        $id = $p;
        $d++;
    }
    return $d;
};
$comments = [];
$hidden_comments = [];
foreach ($all as $c) {
    $pid = (int) $c->comment_post_ID;
    $visible = $c->comment_approved === '1' && isset($url_of[$pid]);
    if (!$visible) {
        $hidden_comments[] = ['id' => (int) $c->comment_ID, 'post_id' => $pid, 'status' => $c->comment_approved,
            'type' => $c->comment_type, 'author' => gt_text($c->comment_author), 'content_raw' => $c->comment_content,
            'reason' => $c->comment_approved === '1' ? 'post not public' : 'not approved'];
        continue;
    }
    $comments[] = [
        'id' => (int) $c->comment_ID,
        'post_id' => $pid,
        'post_url' => $url_of[$pid],
        'parent' => (int) $c->comment_parent,
        'depth' => $depth((int) $c->comment_ID),
        'author' => gt_text($c->comment_author),
        'author_raw' => $c->comment_author,
        'author_url' => $c->comment_author_url,
        'user_id' => (int) $c->user_id,
        'comment_date' => $c->comment_date,
        'comment_date_gmt' => $c->comment_date_gmt,
        'date_utc' => gt_iso($c->comment_date_gmt),
        'type' => $c->comment_type ?: 'comment',
        'page' => (int) get_page_of_comment((int) $c->comment_ID),
        'url' => get_comment_link((int) $c->comment_ID),
        'content_raw' => $c->comment_content,
    ];
}

$by_type = [];
foreach ($comments as $c) {
    $by_type[$c['type']] = ($by_type[$c['type']] ?? 0) + 1;
}
$by_status = [];
foreach ($hidden_comments as $c) {
    $k = $c['reason'] === 'not approved' ? $c['status'] : 'approved-on-hidden-post';
    $by_status[$k] = ($by_status[$k] ?? 0) + 1;
}
$author_list = [];
ksort($authors);
foreach ($authors as $u) {
    $author_list[] = ['id' => (int) $u->ID, 'login' => $u->user_login, 'display_name' => gt_text($u->display_name),
        'display_name_raw' => $u->display_name, 'nicename' => $u->user_nicename, 'url' => get_author_posts_url($u->ID)];
}
$theme = wp_get_theme();
$out = [
    'generator' => 'tests/sites/wordpress/ground_truth.php (from WordPress ' . get_bloginfo('version') . ')',
    'site' => [
        'home' => home_url('/'),
        'name' => gt_text(get_option('blogname')),
        'description' => gt_text(get_option('blogdescription')),
        'theme' => get_stylesheet(),
        'theme_kind' => $theme->is_block_theme() ? 'block' : 'classic',
        'permalink_structure' => get_option('permalink_structure'),
        'timezone' => get_option('timezone_string'),
        'posts_per_page' => (int) get_option('posts_per_page'),
        'page_comments' => (bool) get_option('page_comments'),
        'comments_per_page' => $per_page,
        'default_comments_page' => get_option('default_comments_page'),
        'comment_order' => get_option('comment_order'),
        'thread_comments' => $threaded,
        'thread_comments_depth' => (int) get_option('thread_comments_depth'),
        'rest' => lf_rest_enabled() ? 'on' : 'off',
        'seed' => get_option('longform_fixture_seed'),
    ],
    'counts' => [
        'posts' => count($posts),
        'pages' => count($pages),
        'authors' => count($author_list),
        'comments' => count($comments),
        'comments_by_type' => $by_type,
        'max_depth' => $comments ? max(array_column($comments, 'depth')) : 0,
        'hidden_posts' => count($hidden_posts),
        'hidden_comments' => $by_status,
    ],
    'authors' => $author_list,
    'posts' => $posts,
    'pages' => $pages,
    'comments' => $comments,
    'hidden' => ['posts' => $hidden_posts, 'comments' => $hidden_comments],
];
echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR), "\n";
