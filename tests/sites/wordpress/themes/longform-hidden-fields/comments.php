<?php
/**
 * The comment thread: core's list and pagination, each comment printed by lhf_comment().
 */
if (post_password_required()) {
    return;
}
?>
<div id="comments" class="comments-area">
<?php if (have_comments()) : ?>
  <h2 class="comments-title"><?php
    printf(esc_html(_n('%s comment', '%s comments', get_comments_number())), esc_html(number_format_i18n(get_comments_number())));
  ?></h2>
  <ol class="comment-list">
    <?php wp_list_comments(['callback' => 'lhf_comment', 'style' => 'ol']); ?>
  </ol>
  <?php the_comments_pagination(); ?>
<?php endif; ?>
<?php comment_form(); ?>
</div>
