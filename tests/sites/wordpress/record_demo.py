"""Re-create the `longform demo` recording from the running WordPress fixture.

    flock /tmp/wp-site.lock .venv/bin/python tests/sites/wordpress/record_demo.py

What it does, in order:

1. Exports WordPress's own ground truth (`ground_truth.php`) and checks the site runs the settings
   closest to Long War Journal (classic theme, `/archives/%year%/%monthnum%/%postname%.php`,
   threaded comments, 20 per page). It refuses to record anything else.
2. Crawls the whole site with our own crawler (`longform crawl`, a profile file; ~70 requests, ~3 s).
3. Keeps, byte for byte, the WARC records (gzip members) of the warcinfo record, robots.txt, the
   home page, the sitemaps the crawl read, and every page (comment pages included) of the
   DEMO_POSTS below; everything else of the crawl is dropped. The result is one WARC,
   `spiders/recorded_site/data/wordpress-demo.warc.gz`.
4. Writes `truth.json` beside it: the ground truth cut down to DEMO_POSTS and their comments
   (all types: the pingbacks and trackbacks stay, so tests can check they are kept out).

The post sitemap in the recording still lists every post of the fixture; the demo server drops
the entries it holds no recording for when it serves the sitemap (spiders/recorded_site/replay.py).
Run it as root (ground_truth.php reads the 640 config file) with the project's venv. Besides the
machine-wide /tmp/wp-site.lock, it holds the lock test_crawl_real_wordpress.py holds while it switches
themes, and it refuses a recording when the site changed during the crawl or a page came from another
theme (both happened while this script was written).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_OUT = REPO / "spiders" / "recorded_site" / "data"
WARC_NAME = "wordpress-demo.warc.gz"
TRUTH_NAME = "truth.json"

# The site settings the recording is made under (ground_truth.php's `site` block).
REQUIRED_SETTINGS = {
    "theme_kind": "classic",
    "permalink_structure": "/archives/%year%/%monthnum%/%postname%.php",
    "page_comments": True,
    "comments_per_page": 20,
    "thread_comments": True,
}

# The recorded articles, by permalink path; chosen so the demo shows every case (see check_cases).
DEMO_POSTS = (
    # 25 comments on 2 comment pages; 12 non-ASCII commenter names; edited after publishing
    "/archives/2019/12/u-s-airstrike-targets-the-islamic-state-commander-near-raqqa.php",
    # replies nested 5 deep (WordPress's thread_comments_depth)
    "/archives/2017/12/the-tehrik-i-taliban-pakistan-releases-eulogy-on-the-anniversary-of-9-11.php",
    "/archives/2024/02/report-al-qaeda-in-the-islamic-maghreb-fighters-seize-district-center-in-timbuktu.php",
    # co-authored bylines: "Bill Roggio and Thomas Joscelyn", "Caleb Weiss &amp; Joanna Paraszczuk"
    "/archives/2020/07/jnim-overruns-4-outposts-in-timbuktu.php",
    "/archives/2018/10/hezbollah-claims-ied-attack-in-southern-lebanon.php",
    # 0 comments; published 2014-12-31 19:12 New York time, already 2015 in UTC
    "/archives/2014/12/analysis-shabaabs-drone-program-in-east-africa.php",
    # a pingback; a pingback and a trackback
    "/archives/2023/07/report-shabaab-fighters-seize-district-center-in-mogadishu.php",
    "/archives/2016/05/shabaab-overruns-base-in-somalia-again.php",
    # author Zoë Müller
    "/archives/2018/05/zoe-muller-europes-returning-emigres.php",
    # percent-encoded slugs (Ḥ, Arabic)
    "/archives/2014/01/%e1%b8%a5urras-al-din-releases-audio-statement-on-the-war-in-ukraine.php",
    "/archives/2019/05/%d8%a7%d9%84%d8%af%d9%88%d9%84%d8%a9-%d8%a7%d9%84%d8%a5%d8%b3%d9%84%d8%a7%d9%85"
    "%d9%8a%d8%a9-statement-an-annotated-translation.php",
)

# Site-level resources a sitemap-led crawl reads before the articles.
DISCOVERY_PATHS = ("/robots.txt", "/", "/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml")
COMMENT_PAGE = re.compile(r"/comment-page-\d+$")
THEME_LINK = re.compile(rb"/wp-content/themes/([\w-]+)/")
PROFILE = """name = "wordpress-demo"
base_url = "{base}"
platform = "wordpress"
timezone = "America/New_York"
download_delay = 0.0
autothrottle = false
concurrency = 8
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the WARC and truth.json")
    parser.add_argument("--base", default="http://127.0.0.1:8089/", help="the fixture's home URL")
    args = parser.parse_args()
    with _exclusive_site():
        return record(args.base, args.out)


@contextlib.contextmanager
def _exclusive_site() -> Iterator[None]:
    """Hold the fixture as the crawl tests do (site.exclusive(), besides the machine-wide
    /tmp/wp-site.lock the caller holds): no test switches themes or permalinks while we record,
    and what a killed test run left changed is put back before we start."""
    spec = importlib.util.spec_from_file_location("wordpress_fixture_site_demo", HERE / "site.py")
    assert spec is not None and spec.loader is not None
    site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(site)
    with site.exclusive():
        yield


def record(base: str, out: Path) -> int:
    """Check the site, crawl it, keep the demo's records in OUT; the exit status."""
    truth = _ground_truth()
    _check_settings(truth["site"])
    demo = demo_truth(truth)
    check_cases(demo)
    with tempfile.TemporaryDirectory(prefix="record-demo-") as tmp:
        warcs = crawl(base, Path(tmp))
        # The site is shared: a test that switches themes mid-crawl must not go unnoticed.
        if _ground_truth() != truth:
            sys.exit("record_demo: the site changed during the crawl (settings or content); run it "
                     "again under `flock /tmp/wp-site.lock`")
        _check_theme(warcs, truth["site"]["theme"])
        out.mkdir(parents=True, exist_ok=True)
        kept = keep_records(warcs, out / WARC_NAME, {_path(p["url"]) for p in demo["posts"]})
    _check_pages(demo, kept)
    (out / TRUTH_NAME).write_text(
        json.dumps(demo, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    size = (out / WARC_NAME).stat().st_size
    print(f"recorded {len(demo['posts'])} posts, {len(demo['comments'])} comments, "
          f"{len(kept)} responses into {out / WARC_NAME} ({size:,} bytes)")
    return 0


def _run(args: list[str]) -> str:
    proc = subprocess.run(args, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    if proc.returncode != 0:
        sys.exit(f"record_demo: {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return proc.stdout


def _ground_truth() -> dict[str, Any]:
    return json.loads(_run(["php", str(HERE / "ground_truth.php")]))


def _check_theme(warcs: list[Path], theme: str) -> None:
    """Every HTML page of the crawl links the stylesheet of THEME and of no other theme."""
    for path in warcs:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if record.http_headers.get_statuscode() != "200":
                    sys.exit(f"record_demo: {uri} answered {record.http_headers.get_statuscode()}")
                if "text/html" not in (record.http_headers.get_header("Content-Type") or ""):
                    continue
                themes = set(THEME_LINK.findall(record.content_stream().read()))
                if themes != {theme.encode()}:
                    sys.exit(f"record_demo: {uri} was served by theme(s) {themes}, not {theme}; "
                             "did something switch the theme during the crawl?")


def _check_settings(site: dict[str, Any]) -> None:
    wrong = {k: site.get(k) for k, v in REQUIRED_SETTINGS.items() if site.get(k) != v}
    if wrong:
        sys.exit(f"record_demo: the fixture runs {wrong}; switch it back first, e.g. "
                 "configure.sh --theme twentytwentyone --permalinks lwj --comments-per-page 20")


def _path(url: str) -> str:
    return urlsplit(url).path


def demo_truth(truth: dict[str, Any]) -> dict[str, Any]:
    """The ground truth cut down to DEMO_POSTS (in that order) and their comments."""
    posts = {_path(post["url"]): post for post in truth["posts"]}
    missing = [path for path in DEMO_POSTS if path not in posts]
    if missing:
        sys.exit(f"record_demo: the fixture has no post at {missing}; was it seeded by seed.php?")
    chosen = [posts[path] for path in DEMO_POSTS]
    ids = {post["id"] for post in chosen}
    comments = [c for c in truth["comments"] if c["post_id"] in ids]
    return {"generator": truth["generator"], "site": truth["site"], "posts": chosen,
            "comments": comments,
            "recorded_from": "tests/sites/wordpress (seed.php) via tests/sites/wordpress/record_demo.py"}


def check_cases(demo: dict[str, Any]) -> None:
    """Exit unless the chosen posts cover what the demo promises (README: `longform demo`)."""
    posts, comments = demo["posts"], demo["comments"]
    readers = [c for c in comments if c["type"] == "comment"]
    cases = {
        "8-12 articles": 8 <= len(posts) <= 12,
        "several authors": len({p["author"]["id"] for p in posts}) >= 4,
        "co-authored byline": any(" and " in p["author"]["display_name"]
                                  or " & " in p["author"]["display_name"] for p in posts),
        "an article with 0 comments": any(p["comment_count"] == 0 for p in posts),
        "more than one comment page": any(p["comment_pages"] > 1 for p in posts),
        "replies 3+ deep": any(c["depth"] >= 3 for c in readers),
        "commenters with and without links": {bool(c["author_url"]) for c in readers} == {True, False},
        "non-ASCII names": any(not c["author"].isascii() for c in readers),
        "a pingback": any(c["type"] == "pingback" for c in comments),
        "tags and categories": all(p["tags"] and p["categories"] for p in posts),
    }
    failed = [case for case, ok in cases.items() if not ok]
    if failed:
        sys.exit(f"record_demo: DEMO_POSTS miss {failed}")


def crawl(base: str, folder: Path) -> list[Path]:
    """Crawl the fixture with `longform crawl`; the WARC files it wrote."""
    profile = folder / "profile.toml"
    profile.write_text(PROFILE.format(base=base), "utf-8")
    longform = Path(sys.executable).with_name("longform")
    command = [str(longform)] if longform.exists() else [sys.executable, "-m", "spiders.cli"]
    _run([*command, "crawl", str(profile), "--out", str(folder / "out")])
    return sorted((folder / "out" / "wordpress-demo" / "warc").glob("*.warc.gz"))


def _wanted(uri: str, posts: set[str]) -> bool:
    path = _path(uri)
    return path in DISCOVERY_PATHS or COMMENT_PAGE.sub("", path) in posts


def keep_records(warcs: list[Path], target: Path, posts: set[str]) -> list[str]:
    """Copy the wanted records' gzip members unchanged into TARGET; the kept response URIs."""
    kept: list[str] = []
    partial = target.with_suffix(".part")
    with partial.open("wb") as out:
        for path in warcs:
            with path.open("rb") as stream:
                spans = _spans(stream, posts, kept)
            with path.open("rb") as stream:
                for offset, length in spans:
                    stream.seek(offset)
                    out.write(stream.read(length))
    shutil.move(partial, target)  # a failed run leaves the previous recording whole
    return kept


def _spans(stream: Any, posts: set[str], kept: list[str]) -> list[tuple[int, int]]:
    spans = []
    records = ArchiveIterator(stream)
    for record in records:
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        if record.rec_type == "warcinfo" or _wanted(uri, posts):
            records.read_to_end()
            spans.append((records.get_record_offset(), records.get_record_length()))
            if record.rec_type == "response":
                kept.append(uri)
    return spans


def _check_pages(demo: dict[str, Any], kept: list[str]) -> None:
    fetched = [COMMENT_PAGE.sub("", _path(uri)) for uri in kept]
    short = {p["url"]: fetched.count(_path(p["url"])) for p in demo["posts"]
             if fetched.count(_path(p["url"])) != p["comment_pages"]}
    if short:
        sys.exit(f"record_demo: pages recorded per post differ from WordPress's comment pages: {short}")


if __name__ == "__main__":
    sys.exit(main())
