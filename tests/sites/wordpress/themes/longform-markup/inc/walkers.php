<?php
/**
 * Walker_Comment subclasses that print a comment as Twenty Nineteen's and Twenty Twenty's walkers
 * did: core's html5 ids and classes, but `span.fn` holds the plain name and the author's link
 * (`a.url`) wraps the avatar and the name.
 */

class LF_Walker_Nineteen extends Walker_Comment
{
    protected function html5_comment($comment, $depth, $args)
    {
        $tag = ('div' === $args['style']) ? 'div' : 'li';
        $url = get_comment_author_url($comment);
        $when = sprintf(__('%1$s at %2$s'), get_comment_date('', $comment), get_comment_time());
        ?>
		<<?php echo $tag; ?> id="comment-<?php comment_ID(); ?>" <?php comment_class($this->has_children ? 'parent' : '', $comment); ?>>
			<article id="div-comment-<?php comment_ID(); ?>" class="comment-body">
				<footer class="comment-meta">
					<div class="comment-author vcard">
						<?php
                        if ($url) {
                            printf('<a href="%s" rel="external nofollow" class="url">', esc_url($url));
                        }
                        echo get_avatar($comment, $args['avatar_size']);
                        printf(__('%s <span class="screen-reader-text says">says:</span>'),
                            sprintf('<span class="fn">%s</span>', esc_html(get_comment_author($comment))));
                        if ($url) {
                            echo '</a>';
                        }
                        ?>
					</div><!-- .comment-author -->
					<div class="comment-metadata">
						<a href="<?php echo esc_url(get_comment_link($comment, $args)); ?>">
							<time datetime="<?php comment_time('c'); ?>" title="<?php echo esc_attr($when); ?>"><?php echo esc_html($when); ?></time>
						</a>
					</div><!-- .comment-metadata -->
				</footer><!-- .comment-meta -->
				<div class="comment-content"><?php comment_text(); ?></div>
			</article><!-- .comment-body -->
			<?php
            comment_reply_link(array_merge($args, [
                'add_below' => 'div-comment', 'depth' => $depth, 'max_depth' => $args['max_depth'],
                'before' => '<div class="comment-reply">', 'after' => '</div>',
            ]));
    }
}

class LF_Walker_Twenty extends Walker_Comment
{
    protected function html5_comment($comment, $depth, $args)
    {
        $tag = ('div' === $args['style']) ? 'div' : 'li';
        $url = get_comment_author_url($comment);
        $when = sprintf(__('%1$s at %2$s'), get_comment_date('', $comment), get_comment_time());
        ?>
			<<?php echo $tag; ?> id="comment-<?php comment_ID(); ?>" <?php comment_class($this->has_children ? 'parent' : '', $comment); ?>>
				<article id="div-comment-<?php comment_ID(); ?>" class="comment-body">
					<footer class="comment-meta">
						<div class="comment-author vcard">
							<?php
                            if ($url) {
                                printf('<a href="%s" rel="external nofollow" class="url">', esc_url($url));
                            }
                            echo get_avatar($comment, $args['avatar_size']);
                            printf('<span class="fn">%1$s</span><span class="screen-reader-text says">%2$s</span>',
                                esc_html(get_comment_author($comment)), __('says:'));
                            if ($url) {
                                echo '</a>';
                            }
                            ?>
						</div><!-- .comment-author -->
						<div class="comment-metadata">
							<a href="<?php echo esc_url(get_comment_link($comment, $args)); ?>">
								<time datetime="<?php comment_time('c'); ?>" title="<?php echo esc_attr($when); ?>"><?php echo esc_html($when); ?></time>
							</a>
						</div><!-- .comment-metadata -->
					</footer><!-- .comment-meta -->
					<div class="comment-content entry-content"><?php comment_text(); ?></div>
					<?php
                    $reply = get_comment_reply_link(array_merge($args, [
                        'add_below' => 'div-comment', 'depth' => $depth, 'max_depth' => $args['max_depth'],
                        'before' => '<span class="comment-reply">', 'after' => '</span>',
                    ]));
                    if ($reply) {
                        echo '<footer class="comment-footer-meta">', $reply, '</footer>';
                    }
                    ?>
				</article><!-- .comment-body -->
        <?php
    }
}
