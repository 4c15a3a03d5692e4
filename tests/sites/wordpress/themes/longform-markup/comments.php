<?php
/** The comments section: the list in the chosen markup (functions.php), page links, the form. */
if (post_password_required()) {
    return;
}
?>
<div id="comments" class="comments-area">
<?php if (have_comments()) : ?>
	<h2 class="comments-title"><?php printf(_n('%s Response', '%s Responses', get_comments_number()), number_format_i18n(get_comments_number())); ?></h2>
	<?php lf_comment_navigation('above'); ?>
	<?php echo lf_list_open(); ?>
		<?php wp_list_comments(lf_list_args()); ?>
	<?php echo lf_list_close(); ?>
	<?php lf_comment_navigation('below'); ?>
<?php endif; ?>
<?php comment_form(); ?>
</div><!-- #comments -->
