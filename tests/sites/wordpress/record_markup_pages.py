"""Record one comment page per comment markup from the running fixture, trimmed, into
tests/data/wordpress-fixture/markup.<id>.html (read by tests/scrapers/test_wordpress_comment_markup.py).

    .venv/bin/python tests/sites/wordpress/record_markup_pages.py     # as root, site up

For each markup it switches the site (configure.sh, holding `site.exclusive()`), fetches comment
page 1 of the 166-comment post and keeps what the extractor reads: the head's generator and
canonical, the title, the first paragraph of the post (the theme's `entry-content`), and of the comment list the threads of
comments 166 and 168 (depth 5, a staff reply, the commenters `Marcus "Doc" Ellery` and `-`) and the
pingback 174 and trackback 176. Scripts, styles, the comment form and the site's header, footer and
widgets are cut. The settings are put back afterwards.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import urllib.request
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent
OUT = HERE.parent.parent / "data" / "wordpress-fixture"
PAGE = "/archives/2021/12/analysis-jnims-drone-program-in-the-sahel.php/comment-page-1"
COMMENT_ID = re.compile(r"(?:li-)?comment-\d+$")
KEEP = {"166", "168", "174", "176"}  # top-level threads kept
MARKUPS = {  # file id -> configure.sh arguments
    "twentyten": ["--markup", "twentyten"],
    "twentyeleven": ["--markup", "twentyeleven"],
    "twentytwelve": ["--markup", "twentytwelve"],
    "core-xhtml-ol": ["--markup", "core-xhtml", "--comment-style", "ol"],
    "core-xhtml-div-de": ["--markup", "core-xhtml", "--comment-style", "div", "--locale", "de_DE",
                          "--date-format", "j. F Y", "--time-format", "G:i"],
    "core-html5-ul": ["--markup", "core-html5", "--comment-style", "ul"],
    "twentynineteen": ["--markup", "twentynineteen"],
    "twentytwenty": ["--markup", "twentytwenty"],
    "twentytwentythree-fr": ["--theme", "twentytwentythree", "--locale", "fr_FR",
                             "--date-format", "j F Y", "--time-format", "G\\hi"],
}
CUT = ("//script | //style | //noscript | //svg | //form | //link[not(@rel='canonical')]"
       " | //*[@id='wpadminbar'] | //header[not(ancestor::article)] | //footer[not(ancestor::article)]"
       " | //aside | //*[contains(@class, 'widget')] | //*[@id='respond']")


def _configure(*args: str) -> dict[str, str]:
    out = subprocess.run(["bash", str(HERE / "configure.sh"), *args], capture_output=True,
                         text=True, check=True, stdin=subprocess.DEVNULL).stdout
    return json.loads(out)


def _trim(page: bytes) -> bytes:
    tree = lxml.html.fromstring(page)
    for element in tree.xpath(CUT):
        element.drop_tree()
    for content in tree.xpath("//*[contains(@class, 'entry-content')][not(ancestor::*[@id='comments'])]"):
        for extra in content.xpath("./*[position() > 1]"):
            extra.drop_tree()
    first = next(e for e in tree.xpath("//*[@id]") if COMMENT_ID.match(e.get("id")))
    for sibling in first.getparent():
        number = (sibling.get("id") or "").rsplit("-", 1)[-1]
        if sibling.tag is not lxml.html.HtmlComment and number not in KEEP:
            sibling.drop_tree()
    page = lxml.html.tostring(tree, encoding="utf-8", doctype="<!DOCTYPE html>")
    return re.sub(rb"\n\s*\n(?:\s*\n)+", b"\n\n", page)  # the lines the cut elements stood on


def main() -> None:
    spec = importlib.util.spec_from_file_location("wordpress_fixture_site", HERE / "site.py")
    assert spec is not None and spec.loader is not None
    site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(site)
    base = site.ensure_site().rstrip("/")
    with site.exclusive():
        before = _configure("--show")
        try:
            for name, args in MARKUPS.items():
                _configure("--theme", "longform-markup", "--locale", "en_US", "--date-format",
                           "F j, Y", "--time-format", "g:i a", "--comments-page", "newest",
                           "--comment-order", "asc", "--comments-per-page", "20", *args)
                with urllib.request.urlopen(base + PAGE) as response:  # the fixture, on loopback
                    (OUT / f"markup.{name}.html").write_bytes(_trim(response.read()))
                print(name)
        finally:
            _configure("--theme", before["theme"], "--markup", before["markup"],
                       "--comment-style", before["comment_style"], "--locale", before["locale"],
                       "--date-format", before["date_format"], "--time-format", before["time_format"],
                       "--comments-page", before["default_comments_page"],
                       "--comment-order", before["comment_order"],
                       "--comments-per-page", str(before["comments_per_page"]))


if __name__ == "__main__":
    main()
