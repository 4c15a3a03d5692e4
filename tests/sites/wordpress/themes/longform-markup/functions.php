<?php
/**
 * Which comment markup this test theme prints: the option `longform_markup` (configure.sh --markup).
 *
 *   core-html5    core Walker_Comment::html5_comment (theme declares html5 comment-list;
 *                 Twenty Thirteen to Twenty Eighteen, Twenty Twenty-One)
 *   core-xhtml    core Walker_Comment::comment (no html5 support declared)
 *   twentyten     callback like twentyten_comment:  li#li-comment-N > div#comment-N
 *   twentyeleven  callback like twentyeleven_comment: li#li-comment-N > article#comment-N
 *   twentytwelve  callback like twentytwelve_comment: li#li-comment-N > article#comment-N
 *   twentynineteen / twentytwenty  their Walker_Comment subclasses (span.fn inside the author link)
 *
 * `longform_comment_style` (ol, ul, div) is wp_list_comments' `style` for the core forms.
 */
require __DIR__ . '/inc/callbacks.php';
require __DIR__ . '/inc/walkers.php';

const LF_MARKUPS = ['core-html5', 'core-xhtml', 'twentyten', 'twentyeleven', 'twentytwelve', 'twentynineteen', 'twentytwenty'];

function lf_markup(): string
{
    $markup = get_option('longform_markup', 'core-html5');
    return in_array($markup, LF_MARKUPS, true) ? $markup : 'core-html5';
}

function lf_comment_style(): string
{
    $style = get_option('longform_comment_style', 'ol');
    return in_array($style, ['ol', 'ul', 'div'], true) ? $style : 'ol';
}

add_action('after_setup_theme', function () {
    add_theme_support('title-tag');
    add_theme_support('automatic-feed-links');
    if (in_array(lf_markup(), ['core-html5', 'twentynineteen', 'twentytwenty'], true)) {
        add_theme_support('html5', ['comment-list', 'comment-form', 'search-form', 'gallery', 'caption']);
    }
});

/** wp_list_comments() arguments of each markup, as the themes pass them. */
function lf_list_args(): array
{
    $style = lf_comment_style();
    switch (lf_markup()) {
        case 'twentyten':
            return ['callback' => 'lf_comment_twentyten'];
        case 'twentyeleven':
            return ['callback' => 'lf_comment_twentyeleven'];
        case 'twentytwelve':
            return ['callback' => 'lf_comment_twentytwelve', 'style' => 'ol'];
        case 'twentynineteen':
            return ['walker' => new LF_Walker_Nineteen(), 'avatar_size' => 60, 'short_ping' => true, 'style' => 'ol'];
        case 'twentytwenty':
            return ['walker' => new LF_Walker_Twenty(), 'avatar_size' => 120, 'style' => 'div'];
        default:
            return ['style' => $style, 'short_ping' => true, 'avatar_size' => 48];
    }
}

/** The list element around the comments: `ol.commentlist` (2010-2012), `ol.comment-list` later. */
function lf_list_open(): string
{
    $markup = lf_markup();
    if ($markup === 'twentytwenty') {
        return '<div class="comments-inner section-inner thin max-percentage">';
    }
    $style = in_array($markup, ['core-html5', 'core-xhtml'], true) ? lf_comment_style() : 'ol';
    $class = in_array($markup, ['twentyten', 'twentyeleven', 'twentytwelve', 'core-xhtml'], true) ? 'commentlist' : 'comment-list';
    return "<$style class=\"$class\">";
}

function lf_list_close(): string
{
    $markup = lf_markup();
    if ($markup === 'twentytwenty') {
        return '</div>';
    }
    $style = in_array($markup, ['core-html5', 'core-xhtml'], true) ? lf_comment_style() : 'ol';
    return "</$style>";
}

/** Comment page links: older themes print previous/next links, newer ones paginate_comments_links. */
function lf_comment_navigation(string $where): void
{
    if (get_comment_pages_count() <= 1 || !get_option('page_comments')) {
        return;
    }
    if (in_array(lf_markup(), ['twentyten', 'twentyeleven', 'twentytwelve', 'core-xhtml'], true)) {
        echo '<div class="navigation" id="comment-nav-' . esc_attr($where) . '">';
        echo '<div class="nav-previous">';
        previous_comments_link('<span class="meta-nav">&larr;</span> Older Comments');
        echo '</div><div class="nav-next">';
        next_comments_link('Newer Comments <span class="meta-nav">&rarr;</span>');
        echo '</div></div>';
        return;
    }
    the_comments_pagination(['prev_text' => 'Older comments', 'next_text' => 'Newer comments']);
}
