<?php
/** Every view: one post with its comments (is_singular), else a list of linked titles. */
?><!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo('charset'); ?>">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<header><p class="site-title"><a href="<?php echo esc_url(home_url('/')); ?>" rel="home"><?php bloginfo('name'); ?></a></p></header>
<main id="main">
<?php while (have_posts()) : the_post(); ?>
<?php if (is_singular()) : ?>
	<article id="post-<?php the_ID(); ?>" <?php post_class(); ?>>
		<h1 class="entry-title"><?php the_title(); ?></h1>
		<p class="entry-meta">
			<span class="byline">By <span class="author vcard"><a class="url fn n" href="<?php echo esc_url(get_author_posts_url(get_the_author_meta('ID'))); ?>"><?php the_author(); ?></a></span></span>,
			<time class="entry-date published" datetime="<?php echo esc_attr(get_the_date('c')); ?>"><?php echo esc_html(get_the_date()); ?></time>
		</p>
		<div class="entry-content"><?php the_content(); ?></div>
	</article>
	<?php comments_template(); ?>
<?php else : ?>
	<h2 class="entry-title"><a href="<?php the_permalink(); ?>" rel="bookmark"><?php the_title(); ?></a></h2>
<?php endif; ?>
<?php endwhile; ?>
<?php if (!is_singular()) : the_posts_pagination(); endif; ?>
</main>
<?php wp_footer(); ?>
</body>
</html>
