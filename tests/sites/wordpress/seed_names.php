<?php
/**
 * Commenter names that WordPress's display filters change (README: "Commenters"): run by up.sh
 * after seed.php, on a new or an already seeded site; it changes nothing the second time.
 *
 * wptexturize, which block themes run over the whole page, prints `Marcus "Doc" Ellery` as
 * `Marcus “Doc” Ellery` and a name `-` as `–`. Two visitor comments on the post with the most
 * comments take these names: its first top-level comment and its first reply (lowest ids), so
 * both sit on a comment page of their own thread structure. Names are stored as WordPress stores
 * a visitor's name (the `pre_comment_author_name` filters).
 */
require __DIR__ . '/_bootstrap.php';

const LF_DISPLAY_NAMES = ['top' => 'Marcus "Doc" Ellery', 'reply' => '-'];

global $wpdb;
$done = get_option('longform_fixture_names');
if (is_array($done) && count($done) === count(LF_DISPLAY_NAMES)) {
    echo "display-filter commenters already named\n";
    exit(0);
}
$post = (int) $wpdb->get_var("SELECT comment_post_ID FROM {$wpdb->comments} WHERE comment_approved = '1'"
    . " AND comment_type = 'comment' GROUP BY comment_post_ID ORDER BY COUNT(*) DESC, comment_post_ID LIMIT 1");
$visitor = "comment_post_ID = $post AND comment_approved = '1' AND comment_type = 'comment' AND user_id = 0";
$ids = [
    'top' => (int) $wpdb->get_var("SELECT MIN(comment_ID) FROM {$wpdb->comments} WHERE $visitor AND comment_parent = 0"),
    'reply' => (int) $wpdb->get_var("SELECT MIN(comment_ID) FROM {$wpdb->comments} WHERE $visitor AND comment_parent <> 0"),
];
foreach (LF_DISPLAY_NAMES as $which => $name) {
    if (!$ids[$which]) {
        fwrite(STDERR, "seed_names: no $which comment on post $post\n");
        exit(1);
    }
    $stored = wp_unslash(apply_filters('pre_comment_author_name', wp_slash($name)));
    $wpdb->update($wpdb->comments, ['comment_author' => $stored], ['comment_ID' => $ids[$which]]);
    clean_comment_cache($ids[$which]);
}
update_option('longform_fixture_names', $ids);
printf("display-filter commenters: %s\n", json_encode($ids));
