<?php
/** The thread: a heading with the count, the comments (functions.php), the page links. */
if (post_password_required()) {
	return;
}
?>
<section id="comments">
<?php if (have_comments()) : ?>
	<h2 class="comments-title"><?php echo esc_html(sprintf('%d comments', get_comments_number())); ?></h2>
	<ol>
		<?php wp_list_comments(array('style' => 'ol', 'callback' => 'longform_unreadable_comment')); ?>
	</ol>
	<?php paginate_comments_links(); ?>
<?php endif; ?>
</section>
