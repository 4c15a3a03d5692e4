<?php
/**
 * One template for every view: the posts, and on a single post its comments.
 */
?><!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo('charset'); ?>">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<main id="main">
<?php while (have_posts()) : the_post(); ?>
<article id="post-<?php the_ID(); ?>" <?php post_class(); ?>>
  <h1 class="entry-title"><a href="<?php the_permalink(); ?>"><?php the_title(); ?></a></h1>
  <p class="byline">By <span class="author vcard"><?php the_author(); ?></span>,
    <time class="entry-date published" datetime="<?php echo esc_attr(get_the_date(DATE_W3C)); ?>"><?php echo esc_html(get_the_date()); ?></time></p>
  <div class="entry-content"><?php is_singular() ? the_content() : the_excerpt(); ?></div>
  <p class="entry-terms"><?php the_category(', '); ?> <?php the_tags('', ', '); ?></p>
</article>
<?php
    if (is_singular()) {
        comments_template();
    }
endwhile;
if (!is_singular()) {
    the_posts_pagination();
}
?>
</main>
<?php wp_footer(); ?>
</body>
</html>
