<?php
/**
 * wp_list_comments() callbacks that print a comment as Twenty Ten, Twenty Eleven and Twenty Twelve
 * printed it (structure, ids and classes; see the fixture README, "Comment markups"). The walker
 * closes each <li>. Strings use WordPress's own text domain, so a language pack translates them.
 */

/** A pingback or trackback as the three themes print it: `li.post.pingback` > p "Pingback: link". */
function lf_ping(WP_Comment $comment, string $li_attributes): bool
{
    if ($comment->comment_type === 'comment' || $comment->comment_type === '') {
        return false;
    }
    echo "<li $li_attributes><p>", esc_html__('Pingback:'), ' ', get_comment_author_link($comment), '</p>';
    return true;
}

/** "DATE at TIME" in the site's formats, as every one of these themes prints it. */
function lf_date_at_time(WP_Comment $comment): string
{
    /* translators: 1: Comment date, 2: Comment time. */
    return sprintf(__('%1$s at %2$s'), get_comment_date('', $comment), get_comment_time());
}

function lf_reply_link(array $args, int $depth, string $before = '<div class="reply">', string $after = '</div>'): void
{
    comment_reply_link(array_merge($args, [
        'depth' => $depth, 'max_depth' => $args['max_depth'], 'before' => $before, 'after' => $after,
    ]));
}

/** Twenty Ten: li#li-comment-N > div#comment-N; cite.fn + span.says; the date is the permalink's text. */
function lf_comment_twentyten($comment, $args, $depth): void
{
    $GLOBALS['comment'] = $comment;
    if (lf_ping($comment, 'class="post pingback"')) {
        return;
    }
    $id = (int) $comment->comment_ID;
    ?>
	<li <?php comment_class(); ?> id="li-comment-<?php echo $id; ?>">
		<div id="comment-<?php echo $id; ?>">
		<div class="comment-author vcard">
			<?php echo get_avatar($comment, 40); ?>
			<?php printf(__('%s <span class="says">says:</span>'), sprintf('<cite class="fn">%s</cite>', get_comment_author_link($comment))); ?>
		</div><!-- .comment-author .vcard -->
		<div class="comment-meta commentmetadata"><a href="<?php echo esc_url(get_comment_link($comment)); ?>">
			<?php echo lf_date_at_time($comment); ?></a><?php edit_comment_link(__('(Edit)'), ' '); ?>
		</div><!-- .comment-meta .commentmetadata -->
		<div class="comment-body"><?php comment_text(); ?></div>
		<?php lf_reply_link($args, $depth); ?>
	</div><!-- #comment-##  -->
    <?php
}

/** Twenty Eleven: li#li-comment-N > article#comment-N.comment > footer.comment-meta; span.fn; time[datetime]. */
function lf_comment_twentyeleven($comment, $args, $depth): void
{
    $GLOBALS['comment'] = $comment;
    if (lf_ping($comment, 'class="post pingback"')) {
        return;
    }
    $id = (int) $comment->comment_ID;
    ?>
	<li <?php comment_class(); ?> id="li-comment-<?php echo $id; ?>">
		<article id="comment-<?php echo $id; ?>" class="comment">
			<footer class="comment-meta">
				<div class="comment-author vcard">
					<?php
                    echo get_avatar($comment, $comment->comment_parent ? 39 : 68);
                    $when = sprintf('<a href="%1$s"><time datetime="%2$s">%3$s</time></a>',
                        esc_url(get_comment_link($comment)), get_comment_time('c'), lf_date_at_time($comment));
                    printf('%1$s on %2$s <span class="says">said:</span>',
                        sprintf('<span class="fn">%s</span>', get_comment_author_link($comment)), $when);
                    edit_comment_link(__('Edit'), '<span class="edit-link">', '</span>');
                    ?>
				</div><!-- .comment-author .vcard -->
			</footer>
			<div class="comment-content"><?php comment_text(); ?></div>
			<?php lf_reply_link($args, $depth); ?>
		</article><!-- #comment-## -->
    <?php
}

/** Twenty Twelve: li#li-comment-N > article#comment-N > header.comment-meta.comment-author.vcard; cite > b.fn. */
function lf_comment_twentytwelve($comment, $args, $depth): void
{
    $GLOBALS['comment'] = $comment;
    $id = (int) $comment->comment_ID;
    if (lf_ping($comment, get_comment_class('', $comment) ? 'class="' . esc_attr(implode(' ', get_comment_class('', $comment))) . '" id="comment-' . $id . '"' : '')) {
        return;
    }
    $post_author = (int) $comment->user_id && (int) $comment->user_id === (int) get_post()->post_author;
    ?>
	<li <?php comment_class(); ?> id="li-comment-<?php echo $id; ?>">
		<article id="comment-<?php echo $id; ?>" class="comment">
			<header class="comment-meta comment-author vcard">
				<?php
                echo get_avatar($comment, 44);
                printf('<cite><b class="fn">%1$s</b> %2$s</cite>', get_comment_author_link($comment),
                    $post_author ? '<span>Post author</span>' : '');
                printf('<a href="%1$s"><time datetime="%2$s">%3$s</time></a>',
                    esc_url(get_comment_link($comment)), get_comment_time('c'), lf_date_at_time($comment));
                ?>
			</header><!-- .comment-meta -->
			<section class="comment-content comment">
				<?php comment_text(); ?>
				<?php edit_comment_link(__('Edit'), '<p class="edit-link">', '</p>'); ?>
			</section><!-- .comment-content -->
			<?php lf_reply_link($args, $depth); ?>
		</article><!-- #comment-## -->
    <?php
}
