<?php
/**
 * Longform Hidden Fields: a comment shows its text, and neither who wrote it nor when.
 */

add_theme_support('title-tag');

/**
 * wp_list_comments() callback: core's id, classes and nesting, the text only. A ping shows its
 * text too (its classes say pingback/trackback). wp_list_comments() closes the <li>.
 */
function lhf_comment(WP_Comment $comment, array $args, int $depth): void
{
    ?>
    <li id="comment-<?php comment_ID(); ?>" <?php comment_class(empty($args['has_children']) ? '' : 'parent'); ?>>
      <article class="comment-body">
        <p class="comment-label">A reader wrote:</p>
        <div class="comment-content"><?php comment_text(); ?></div>
      </article>
    <?php
}
