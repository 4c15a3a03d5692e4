<?php
/**
 * One comment, opened for wp_list_comments() (the walker closes the <li> and nests replies in
 * <ol class="children">). The <li id="comment-N"> and core's comment classes are kept, so the
 * archiver finds every comment and tells pings apart; author, date and text sit in bare spans and
 * a bare div: no class, no <cite>, no <time>, no permalink, nothing an extractor rule reads.
 */
function longform_unreadable_comment($comment, $args, $depth) {
	?>
	<li id="comment-<?php comment_ID(); ?>" <?php comment_class(); ?>>
		<div><span><?php echo esc_html(get_comment_author($comment)); ?></span>
			<span><?php echo esc_html(get_comment_date('F j, Y \a\t g:i a', $comment)); ?></span></div>
		<div><?php comment_text($comment); ?></div>
	<?php
}
