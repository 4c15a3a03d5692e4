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
 *   php changes.php undo-pending                -> {"undone": N}   every change not yet undone
 *
 * Title and comment-status edits write the row directly, as an edit would (post_modified = now),
 * and `restore` puts back the exact old values, so ground_truth.php's dates stay the seeded ones.
 *
 * Every change is written to an undo journal (the option longform_fixture_undo) before it is
 * made, and struck from it when the test undoes it. A test run killed in between leaves its undo
 * in the journal; site.exclusive() runs undo-pending when it takes the fixture next, so the next
 * run finds the seeded site, not a post or a title left over from a run that never finished.
 * Posts are journaled by slug and comments by their text, so a kill between the journal write
 * and the insert leaves nothing that undo-pending cannot find.
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

const CH_JOURNAL = 'longform_fixture_undo';

/** @param array<string, mixed> $undo */
function ch_journal_add(array $undo): void
{
    $journal = get_option(CH_JOURNAL, []);
    $journal[] = $undo;
    update_option(CH_JOURNAL, $journal, false);
}
/** Strike the journal entries this undo carries out (same action and target). */
function ch_journal_strike(string $action, string $target): void
{
    $journal = array_values(array_filter(get_option(CH_JOURNAL, []), function (array $undo) use ($action, $target): bool {
        return !($undo['action'] === $action && (string) $undo['target'] === $target);
    }));
    update_option(CH_JOURNAL, $journal, false);
}
function ch_post_by_slug(string $slug): int
{
    global $wpdb;
    return (int) $wpdb->get_var($wpdb->prepare("SELECT ID FROM {$wpdb->posts} WHERE post_name = %s AND post_type = 'post'", $slug));
}
function ch_comment_by_text(int $post_id, string $text): int
{
    global $wpdb;
    return (int) $wpdb->get_var($wpdb->prepare(
        "SELECT comment_ID FROM {$wpdb->comments} WHERE comment_post_ID = %d AND comment_content = %s", $post_id, $text
    ));
}
/** Carry out one journaled undo; a target already gone is fine (the test undid it, then died). */
function ch_undo(array $undo): void
{
    switch ($undo['action']) {
        case 'delete-post-slug':
            $id = ch_post_by_slug((string) $undo['target']);
            if ($id) { wp_delete_post($id, true); }
            break;
        case 'delete-comment-text':
            $id = ch_comment_by_text((int) $undo['post'], (string) $undo['target']);
            if ($id) { wp_delete_comment($id, true); }
            break;
        case 'restore':
            ch_update((int) $undo['target'], $undo['before']);
            break;
    }
}

[$action, $arg1, $arg2] = array_pad(array_slice($argv, 1), 3, '');
switch ($action) {
    case 'add-post':
        ch_journal_add(['action' => 'delete-post-slug', 'target' => $arg1]);
        $id = wp_insert_post([
            'post_title' => "Incremental test post $arg1", 'post_name' => $arg1, 'post_status' => 'publish',
            'post_content' => "<p>A post added between two crawls ($arg1). It has a body of a few words.</p>",
            'post_author' => 1, 'comment_status' => 'open',
        ], true);
        if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
        echo json_encode(['id' => $id, 'url' => get_permalink($id)]), "\n";
        break;
    case 'add-comment':
        ch_journal_add(['action' => 'delete-comment-text', 'target' => $arg2, 'post' => (int) $arg1]);
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
        ch_journal_add(['action' => 'restore', 'target' => (int) $arg1, 'before' => $before]);
        ch_update((int) $arg1, ['post_title' => $arg2] + ch_now());
        echo json_encode(['before' => $before]), "\n";
        break;
    case 'close-comments':
        $before = ch_row((int) $arg1);
        ch_journal_add(['action' => 'restore', 'target' => (int) $arg1, 'before' => $before]);
        ch_update((int) $arg1, ['comment_status' => 'closed'] + ch_now());
        echo json_encode(['before' => $before]), "\n";
        break;
    case 'restore':
        ch_update((int) $arg1, json_decode($arg2, true));
        ch_journal_strike('restore', $arg1);
        echo "{}\n";
        break;
    case 'delete-post':
        $slug = (string) get_post_field('post_name', (int) $arg1);
        wp_delete_post((int) $arg1, true);
        ch_journal_strike('delete-post-slug', $slug);
        echo "{}\n";
        break;
    case 'delete-comment':
        $comment = get_comment((int) $arg1);
        wp_delete_comment((int) $arg1, true);
        if ($comment) { ch_journal_strike('delete-comment-text', $comment->comment_content); }
        echo "{}\n";
        break;
    case 'undo-pending': // newest first, as a test's own finally block would
        $journal = get_option(CH_JOURNAL, []);
        foreach (array_reverse($journal) as $undo) { ch_undo($undo); }
        update_option(CH_JOURNAL, [], false);
        echo json_encode(['undone' => count($journal)]), "\n";
        break;
    default:
        fwrite(STDERR, "unknown action $action\n");
        exit(2);
}
