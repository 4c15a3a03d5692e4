"""The comments area: WordPress core's Walker_Comment html5 markup, pings, pagination, form.

Follows `Walker_Comment::html5_comment()` and `::ping()` (short_ping) of WordPress 6.x, and
`get_comment_class()`'s even/odd, thread-even/odd, depth-N and parent classes, so that pages look
like the ones extractors meet in the wild.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .content_data import THREAD_DEPTH
from .model import Article, Comment
from .prose import wpautop
from .render import author_link, avatar, comment_when, esc, texturize


@dataclass(slots=True)
class _Alternation:
    """get_comment_class() globals: every comment alternates, top-level threads separately."""

    comment: int = 0
    thread: int = 0

    def classes(self, depth: int) -> list[str]:
        out = ["odd", "alt"] if self.comment % 2 else ["even"]
        self.comment += 1
        if depth == 1:
            out += ["thread-odd", "thread-alt"] if self.thread % 2 else ["thread-even"]
            self.thread += 1
        return out


def render_comments(base: str, article: Article, page: int) -> str:
    """comments.php: title, list of comment page `page`, navigation, closed note or form."""
    if not article.comments and not article.comments_open:
        return ""  # single.php only loads comments.php when open or when there are comments
    parts = ['<div id="comments" class="comments-area default-max-width show-avatars">']
    if article.comments:
        parts.append(_title(article))
        parts.append('<ol class="comment-list">')
        parts.append(_comment_list(base, article, page))
        parts.append("</ol><!-- .comment-list -->")
        parts.append(_navigation(base, article, page))
        if not article.comments_open:
            parts.append('<p class="no-comments">Comments are closed.</p>')
    if article.comments_open:
        parts.append(_form(base, article))
    parts.append("</div><!-- #comments -->")
    return "\n".join(p for p in parts if p)


def _title(article: Article) -> str:
    count = len(article.comments)  # get_comments_number() counts pings too
    label = "One comment" if count == 1 else f"{count} comments"
    return f'<h2 class="comments-title">{label} on &ldquo;{texturize(article.title)}&rdquo;</h2>'


def _comment_list(base: str, article: Article, page: int) -> str:
    on_page = [c for c in article.comments if c.page == page]
    children: dict[int | None, list[Comment]] = defaultdict(list)
    for comment in on_page:
        children[comment.parent_id].append(comment)
    alternation = _Alternation()
    out: list[str] = []

    def element(comment: Comment) -> None:
        kids = children.get(comment.id, [])
        classes = [comment.kind, *_user_classes(article, comment)]
        classes += alternation.classes(comment.depth)
        classes.append(f"depth-{comment.depth}")
        if comment.is_ping:
            out.append(_ping(comment, " ".join(classes)))
        else:
            classes += ["parent"] if kids else []
            out.append(_html5_comment(base, article, comment, " ".join(classes)))
        if kids:
            out.append('<ol class="children">')
            for kid in kids:
                element(kid)
            out.append("</ol><!-- .children -->")
        out.append("</li><!-- #comment-## -->")

    for top in children[None]:
        element(top)
    return "\n".join(out)


def _user_classes(article: Article, comment: Comment) -> list[str]:
    if not comment.user_slug:
        return []
    own = any(a.slug == comment.user_slug for a in article.authors)
    return ["byuser", f"comment-author-{comment.user_slug}"] + (["bypostauthor"] if own else [])


def _ping(comment: Comment, classes: str) -> str:
    # Core prints 'Pingback:' for trackbacks too (Walker_Comment::ping).
    return (
        f'<li id="comment-{comment.id}" class="{classes}">\n'
        f'<div class="comment-body">\nPingback: {author_link(comment)} \n</div>'
    )


def _html5_comment(base: str, article: Article, comment: Comment, classes: str) -> str:
    link = base + article.comment_path(comment)
    reply = ""
    if article.comments_open and comment.depth < THREAD_DEPTH:
        name = esc(comment.author)
        reply = (
            f"<div class=\"reply\"><a rel='nofollow' class='comment-reply-link' "
            f"href='{base}{article.path}?replytocom={comment.id}#respond' "
            f'data-commentid="{comment.id}" data-postid="{article.id}" '
            f'data-belowelement="div-comment-{comment.id}" data-respondelement="respond" '
            f'data-replyto="Reply to {name}" aria-label=\'Reply to {name}\'>Reply</a></div>'
        )
    return (
        f'<li id="comment-{comment.id}" class="{classes}">\n'
        f'<article id="div-comment-{comment.id}" class="comment-body">\n'
        '<footer class="comment-meta">\n<div class="comment-author vcard">\n'
        f'{avatar(comment.author, 60)}<b class="fn">{author_link(comment)}</b> '
        '<span class="says">says:</span>\n</div><!-- .comment-author -->\n'
        f'<div class="comment-metadata">\n<a href="{link}"><time '
        f'datetime="{comment.published.isoformat()}">{comment_when(comment.published)}</time></a>'
        "\n</div><!-- .comment-metadata -->\n</footer><!-- .comment-meta -->\n"
        f'<div class="comment-content">\n{wpautop(comment.content)}\n'
        "</div><!-- .comment-content -->"
        f"\n{reply}\n</article><!-- .comment-body -->"
    )


def _navigation(base: str, article: Article, page: int) -> str:
    """the_comments_navigation(); page 1 is the permalink itself (default_comments_page=oldest)."""
    if article.comment_pages == 1:
        return ""
    links = ""
    if page > 1:
        older = base + article.comment_page_path(page - 1)
        links += f'<div class="nav-previous"><a href="{older}#comments">Older comments</a></div>'
    if page < article.comment_pages:
        newer = base + article.comment_page_path(page + 1)
        links += f'<div class="nav-next"><a href="{newer}#comments">Newer comments</a></div>'
    return (
        '<nav class="navigation comment-navigation" aria-label="Comments">\n'
        '<h2 class="screen-reader-text">Comments navigation</h2>\n'
        f'<div class="nav-links">{links}</div>\n</nav>'
    )


def _form(base: str, article: Article) -> str:
    """comment_form() of an open post (no form at all once comments are closed)."""
    field = (
        '<p class="comment-form-{0}"><label for="{0}">{1}{2}</label> <input id="{0}" name="{0}" '
        'type="{3}" value="" size="30" maxlength="{4}" autocomplete="{5}"{6} /></p>'
    )
    star = ' <span class="required">*</span>'
    return "\n".join([
        '<div id="respond" class="comment-respond">',
        '<h2 id="reply-title" class="comment-reply-title">Leave a comment <small><a rel="nofollow" '
        f'id="cancel-comment-reply-link" href="{base}{article.path}#respond" style="display:none;">'
        "Cancel reply</a></small></h2>",
        f'<form action="{base}/wp-comments-post.php" method="post" id="commentform" '
        'class="comment-form" novalidate>',
        '<p class="comment-notes"><span id="email-notes">Your email address will not be '
        'published.</span> <span class="required-field-message">Required fields are marked '
        '<span class="required">*</span></span></p>',
        f'<p class="comment-form-comment"><label for="comment">Comment{star}</label> <textarea '
        'id="comment" name="comment" cols="45" rows="5" maxlength="65525" required></textarea></p>',
        field.format("author", "Name", star, "text", 245, "name", " required"),
        field.format("email", "Email", star, "email", 100, "email", " required"),
        field.format("url", "Website", "", "url", 200, "url", ""),
        '<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" '
        "value=\"Post Comment\" /> <input type='hidden' name='comment_post_ID' "
        f"value='{article.id}' id='comment_post_ID' />\n<input type='hidden' "
        "name='comment_parent' id='comment_parent' value='0' /></p>",
        "</form>\n</div><!-- #respond -->",
    ])
