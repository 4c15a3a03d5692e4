"""Check the running WordPress fixture against its own ground truth (stdlib only).

    python3 tests/sites/wordpress/selfcheck.py            # as root, after up.sh

Runs ground_truth.php, then fetches every post and every comment page from the
site under its current settings (theme, permalinks, comment paging, REST) and
checks: each post answers 200 with its title; the comment IDs shown across a
post's comment pages are exactly its approved comments; no pending, spam,
trashed, draft, private, scheduled or password-protected text appears anywhere
fetched; sitemap, feeds and REST answer as configured. Exit status 0 when all
hold. This checks the fixture, not longform-archiver.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
HIDDEN = re.compile(
    r"PROTECTED-BODY|PROTECTED-COMMENT|DRAFT-|SCHEDULED-|PRIVATE-|PENDING-|TRASHED-|SPAM-\d|UNAPPROVED-"
)


def fetch(url: str) -> tuple[int, str, dict[str, str]]:
    req = urllib.request.Request(url, headers={"User-Agent": "longform-fixture-selfcheck"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), dict(e.headers)


def comment_page_url(post_url: str, n: int, structure: str) -> str:
    if not structure:
        return f"{post_url}&cpage={n}"
    sep = "" if post_url.endswith("/") else "/"
    tail = "/" if structure.endswith("/") else ""
    return f"{post_url}{sep}comment-page-{n}{tail}"


def main() -> int:
    truth = json.loads(
        subprocess.run(
            ["php", str(HERE / "ground_truth.php")], check=True, capture_output=True, text=True
        ).stdout
    )
    site = truth["site"]
    home = site["home"]
    errors: list[str] = []
    fetched = 0

    def get(url: str) -> tuple[int, str, dict[str, str]]:
        nonlocal fetched
        fetched += 1
        status, body, headers = fetch(url)
        if HIDDEN.search(body):
            errors.append(f"hidden text {HIDDEN.search(body).group(0)!r} in {url}")  # type: ignore[union-attr]
        return status, body, headers

    by_post: dict[int, set[int]] = {}
    for c in truth["comments"]:
        by_post.setdefault(c["post_id"], set()).add(c["id"])
    for p in truth["posts"]:
        status, body, _ = get(p["url"])
        if status != 200:
            errors.append(f"{p['url']}: HTTP {status}")
            continue
        if p["title"] not in html.unescape(body):
            errors.append(f"{p['url']}: title {p['title']!r} not on the page")
        seen: set[int] = set()
        for n in range(1, p["comment_pages"] + 1):
            url = comment_page_url(p["url"], n, site["permalink_structure"])
            status, body, _ = get(url)
            if status != 200:
                errors.append(f"{url}: HTTP {status}")
            seen |= {int(x) for x in re.findall(r'id="(?:div-)?comment-(\d+)"', body)}
        expected = by_post.get(p["id"], set())
        if seen != expected:
            errors.append(
                f"{p['url']}: comments missing {sorted(expected - seen)[:5]}, "
                f"unexpected {sorted(seen - expected)[:5]}"
            )

    pretty = bool(site["permalink_structure"])
    paths = (
        ["", "feed/", "comments/feed/", "page/2/", "wp-sitemap.xml"]
        if pretty
        else ["", "?feed=rss2", "?feed=comments-rss2", "?paged=2", "?sitemap=index"]
    )
    for path in paths:
        status, _, _ = get(home + path)
        if status != 200:
            errors.append(f"{home}{path}: HTTP {status}")
    sitemap = "wp-sitemap-posts-post-1.xml" if pretty else "?sitemap=posts&sitemap-subtype=post&paged=1"
    status, body, _ = get(home + sitemap)
    listed = body.count("<loc>")
    # WordPress lists password-protected posts in its sitemap (with their titles only).
    protected = sum(1 for h in truth["hidden"]["posts"] if h["password_protected"] and h["type"] == "post")
    if listed != len(truth["posts"]) + protected:
        errors.append(f"sitemap lists {listed} posts, expected {len(truth['posts'])} + {protected} protected")
    rest = "wp-json/wp/v2/posts?per_page=100" if pretty else "?rest_route=/wp/v2/posts&per_page=100"
    status, body, headers = get(home + rest)
    if site["rest"] == "on":
        if status != 200 or int(headers.get("X-WP-Total", -1)) != len(truth["posts"]) + protected:
            errors.append(f"REST posts: HTTP {status}, X-WP-Total {headers.get('X-WP-Total')}")
    elif status != 401:
        errors.append(f"REST is off but /wp-json/wp/v2/posts gave HTTP {status}")

    print(
        f"selfcheck: theme={site['theme']} permalinks={site['permalink_structure']!r} "
        f"comments_page={site['default_comments_page']} rest={site['rest']}: "
        f"{len(truth['posts'])} posts, {len(truth['comments'])} comments, {fetched} URLs fetched, "
        f"{len(errors)} problems"
    )
    for e in errors[:40]:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
