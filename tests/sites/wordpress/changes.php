<?php
/**
 * Content changes for the incremental-crawl test, each one undoable, so the shared fixture ends
 * as it began (run as root, like the other CLI scripts). Prints JSON on stdout.
 *
 *   php changes.php add-post SLUG               -> {"id", "url"}   a published post, no comments
 *   php changes.php add-comment POST_ID TEXT    -> {"id", "url", "page"}   a top-level comment, now
 *   php changes.php edit-title POST_ID TITLE    -> {"before": {...}}   the row's old values
 *   php changes.php close-comments POST_ID      -> {"before": {...}}
 *   php changes.php restore POST_ID JSON        restores post_title, comment_status, post_modified*
 *   php changes.php delete-post ID | delete-comment ID
 *
 * Title and comment-status edits write the row directly, as an edit would (post_modified = now),
 * and `restore` puts back the exact old values, so ground_truth.php's dates stay the seeded ones.
 */
require __DIR__ . '/_bootstrap.php';

function ch_row(int $id): array
{
    global $wpdb;
    return $wpdb->get_row($wpdb->prepare(
        "SELECT post_title, comment_status, post_modified, post_modified_gmt FROM {$wpdb->posts} WHERE ID = %d", $id
    ), ARRAY_A);
}
function ch_update(int $id, array $fields): void
{
    global $wpdb;
    $wpdb->update($wpdb->posts, $fields, ['ID' => $id]);
    clean_post_cache($id);
}
function ch_now(): array
{
    return ['post_modified' => current_time('mysql'), 'post_modified_gmt' => current_time('mysql', true)];
}

[$action, $arg1, $arg2] = array_pad(array_slice($argv, 1), 3, '');
switch ($action) {
    case 'add-post':
        $id = wp_insert_post([
            'post_title' => "Incremental test post $arg1", 'post_name' => $arg1, 'post_status' => 'publish',
            'post_content' => "<p>A post added between two crawls ($arg1). It has a body of a few words.</p>",
            'post_author' => 1, 'comment_status' => 'open',
        ], true);
        if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
        echo json_encode(['id' => $id, 'url' => get_permalink($id)]), "\n";
        break;
    case 'add-comment':
        $id = wp_insert_comment([
            'comment_post_ID' => (int) $arg1, 'comment_author' => 'Incremental Tester',
            'comment_author_email' => 'tester@example.org', 'comment_content' => $arg2,
            'comment_approved' => 1, 'comment_type' => 'comment', 'comment_parent' => 0,
            'comment_date' => current_time('mysql'), 'comment_date_gmt' => current_time('mysql', true),
        ]);
        echo json_encode(['id' => $id, 'url' => get_comment_link($id), 'page' => get_page_of_comment($id)]), "\n";
        break;
    case 'edit-title':
        $before = ch_row((int) $arg1);
        ch_update((int) $arg1, ['post_title' => $arg2] + ch_now());
        echo json_encode(['before' => $before]), "\n";
        break;
    case 'close-comments':
        $before = ch_row((int) $arg1);
        ch_update((int) $arg1, ['comment_status' => 'closed'] + ch_now());
        echo json_encode(['before' => $before]), "\n";
        break;
    case 'restore':
        ch_update((int) $arg1, json_decode($arg2, true));
        echo "{}\n";
        break;
    case 'delete-post':
        wp_delete_post((int) $arg1, true);
        echo "{}\n";
        break;
    case 'delete-comment':
        wp_delete_comment((int) $arg1, true);
        echo "{}\n";
        break;
    default:
        fwrite(STDERR, "unknown action $action\n");
        exit(2);
}
