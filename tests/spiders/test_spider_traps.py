"""Spider traps: the sample site with every trap a WordPress site prints, crawled the worst way
(no sitemaps, no REST API: discovery through the home page, `/page/N/` and the feed).

The trap site is the sample site behind a rewriter that does what PHP's `session.use_trans_sid`,
plugins and themes do: a fresh session id on every `<a href>` of every response (query order
varying), tracking parameters on comment-page links and feed items, `?replytocom=` reply links
built on the current URL (so comment pages print `comment-page-N/?replytocom=ID`), AMP and print
links, a calendar widget whose months answer 200 back forever, and `/page/N/` answering 200 with
the last page again past the end. `python tests/spiders/test_spider_traps.py` serves it.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema

from pipelines.schema import SCHEMA_DIR
from spiders.loopback import running
from tests.sites.sample_site import ground_truth
from tests.sites.sample_site.build import build_site
from tests.sites.sample_site.render_site import home_listing
from tests.sites.sample_site.router import Reply, route
from tests.sites.sample_site.server import SampleServer, _Handler

LONGFORM = [sys.executable, "-m", "spiders.cli"]
_PAGED = re.compile(r"^/page/(\d+)/$")
_MONTH = re.compile(r"^/archives/(\d{4})/(\d{2})/$")
_VIEW = re.compile(r"/(amp|print)/$")
_A_HREF = re.compile(r"(<a\s[^>]*?href=)([\"'])([^\"']*)\2")
_TRACKING = "utm_source=share&#038;utm_medium=comments"


class TrapServer(SampleServer):
    """The sample site with spider traps; `sessions` numbers the session id of each response."""

    def __init__(self, address: tuple[str, int], request_log: list[str]) -> None:
        super().__init__(address, build_site(None), request_log)
        self.RequestHandlerClass = _TrapHandler
        self.sessions = itertools.count(1)


class _TrapHandler(_Handler):
    server: TrapServer

    def _route(self) -> Reply:
        site, base = self.server.site, self.server.origin
        split = urlsplit(self.path)
        # PHP and the plugins read their parameters and ignore the rest, as WordPress does.
        query = {k: v for k, v in parse_qs(split.query).items()
                 if k not in ("PHPSESSID", "replytocom", "amp", "print") and not k.startswith("utm_")}
        path = _VIEW.sub("", split.path) or "/"
        pages = home_listing(site).pages
        month = _MONTH.match(path)
        if month or "m" in query:
            year, number = (int(month[1]), int(month[2])) if month else divmod(int(query["m"][0]), 100)
            reply, shown = route(site, base, "/", {}), (year, number)
        elif (paged := _PAGED.match(path)) and int(paged[1]) > pages:
            reply, shown = route(site, base, f"/page/{pages}/", {}), (2019, 12)
            reply = _with_next(reply, base, int(paged[1]) + 1)
        else:
            reply, shown = route(site, base, path, query), (2019, 12)
            if path == f"/page/{pages}/":
                reply = _with_next(reply, base, pages + 1)
        return self._rewrite(reply, base, split.path, shown)

    def _rewrite(self, reply: Reply, base: str, path: str, month: tuple[int, int]) -> Reply:
        text = reply.body.decode()
        if reply.content_type.startswith("text/html"):
            text = _calendar(text, base, month)
            text = _views(text, base + path)
            if "/comment-page-" in path:  # add_query_arg() builds reply links on the current URI
                text = re.sub(r"href='[^']*\?replytocom=", f"href='{base}{path}?replytocom=", text)
            session = next(self.server.sessions)
            text = _A_HREF.sub(lambda m: _with_session(m, base, session), text)
        elif reply.content_type.startswith("application/rss"):
            text = re.sub(f"<link>({re.escape(base)}/[^<?]+)</link>",
                          r"<link>\1?utm_source=rss&amp;utm_medium=rss</link>", text)
        return Reply(reply.status, text.encode(), reply.content_type, reply.last_modified, reply.headers)


def _with_next(reply: Reply, base: str, page: int) -> Reply:
    link = f'<a class="next page-numbers" href="{base}/page/{page}/">Next</a>'
    body = reply.body.replace(b"</main>", link.encode() + b"</main>", 1)
    return Reply(200, body, reply.content_type, None, reply.headers)


def _calendar(text: str, base: str, month: tuple[int, int]) -> str:
    """WordPress's calendar widget (5.4+ markup): the month before, as /YYYY/MM/ and as ?m=."""
    year, number = divmod(month[0] * 12 + month[1] - 2, 12)
    widget = (
        '<section class="widget widget_calendar"><div class="calendar_wrap"><nav aria-label='
        '"Previous and next months" class="wp-calendar-nav"><span class="wp-calendar-nav-prev">'
        f'<a href="{base}/archives/{year:04d}/{number + 1:02d}/">&laquo; Earlier</a></span>'
        f'<span class="wp-calendar-nav-next"><a href="{base}/?m={year:04d}{number + 1:02d}">'
        "Same month</a></span></nav></div></section>"
    )
    return text.replace("</body>", widget + "</body>", 1)


def _views(text: str, here: str) -> str:
    links = (f'<link rel="amphtml" href="{here}/amp/" /><a class="print-link" href="{here}?print=1">'
             f'Print</a><a href="{here}/print/">Print view</a><a href="{here}?amp">AMP</a>')
    return text.replace("</body>", links + "</body>", 1)


def _with_session(match: re.Match[str], base: str, session: int) -> str:
    """Every same-site link gets the session id; the query order changes from one page to the
    next; comment-page links also carry tracking parameters."""
    start, quote, href = match.groups()
    if not href.startswith(base):
        return match.group(0)
    url, hash_, fragment = href.partition("#")
    address, _, query = url.partition("?")
    params = [p for p in query.split("&#038;") if p]
    if "/comment-page-" in address:
        params.append(_TRACKING)
    params.append(f"PHPSESSID=s{session:06d}")
    if session % 2:
        params.reverse()
    return f"{start}{quote}{address}?{'&#038;'.join(params)}{hash_}{fragment}{quote}"


@contextmanager
def serve_trap_site(request_log: list[str]) -> Iterator[str]:
    """Serve the trap site on loopback; yields its base URL."""
    with running(TrapServer(("127.0.0.1", 0), request_log), "trap-site") as server:
        yield server.origin


def _fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - loopback only
        return answer.status, answer.read().decode()


def test_the_trap_site_has_the_traps() -> None:
    """The traps are there: without them the crawl test below would prove nothing."""
    with serve_trap_site([]) as base:
        home = _fetch(base + "/")[1]
        assert "PHPSESSID=s" in home and "/archives/2019/11/" in home and "m=201911" in home
        assert _fetch(base + "/archives/1901/01/")[0] == 200  # the calendar goes back forever
        assert "/archives/1900/12/" in _fetch(base + "/archives/1901/01/")[1]
        status, past_end = _fetch(base + "/page/40/")
        assert status == 200 and f"{base}/page/41/" in past_end
        assert "utm_source=rss" in _fetch(base + "/feed/")[1]
        long_thread = max(ground_truth(base), key=lambda a: a.comment_pages)
        page_two = _fetch(f"{base}{long_thread.path}/comment-page-2/")[1]
        here = re.escape(f"{long_thread.path}/comment-page-2/?")
        assert re.search(here + "[^'\"]*replytocom=", page_two)
        assert re.search("comment-page-[13]/[?][^'\"]*utm_source=share", page_two)
        assert _fetch(f"{base}{long_thread.path}/amp/")[0] == 200


def _profile(tmp_path: Path, base_url: str) -> Path:
    path = tmp_path / "traps.toml"
    path.write_text(
        f'name = "traps"\nbase_url = "{base_url}/"\ntimezone = "America/New_York"\n'
        "use_sitemaps = false\nuse_rest_api = false\nautothrottle = false\n"
        "download_delay = 0\nconcurrency = 4\n"
    )
    return path


def test_crawl_of_the_trap_site_is_bounded_and_complete(tmp_path: Path) -> None:
    log: list[str] = []
    with serve_trap_site(log) as base:
        command = [*LONGFORM, "crawl", str(_profile(tmp_path, base)), "--out", str(tmp_path / "out")]
        started = time.monotonic()
        crawl = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert crawl.returncode == 0, crawl.stderr[-3000:]
        assert time.monotonic() - started < 60
        truth = ground_truth(base)

    folder = tmp_path / "out" / "traps"
    articles = [json.loads(line) for line in (folder / "articles.jsonl").read_text().splitlines()]
    comments = [json.loads(line) for line in (folder / "comments.jsonl").read_text().splitlines()]
    assert sorted(a["url"] for a in articles) == sorted(a.url for a in truth)  # each once, clean
    readers = [c.id for a in truth for c in a.comments if not c.is_ping]
    assert sorted(c["id"] for c in comments) == sorted(readers)

    # The real pages: robots.txt, the two feeds, the listing pages, every article's comment pages.
    real = 3 + home_listing(build_site(None)).pages + sum(a.comment_pages for a in truth)
    assert len(log) <= 1.5 * real, "\n".join(log)
    assert not [line for line in log if "PHPSESSID" in line or "utm_" in line]

    report = json.loads((folder / "crawl-report.json").read_text())
    jsonschema.validate(report, json.loads((SCHEMA_DIR / "crawl-report.schema.json").read_text()))
    assert report["requests"] == len(log)
    assert report["traps"]["refused"].get("repeated_listing") == 1
    assert report["traps"]["cleaned"]["session"] >= len(truth)
    assert "traps: refused" in crawl.stdout + crawl.stderr


if __name__ == "__main__":  # serve the trap site by hand: measure another crawler against it
    requests: list[str] = []
    with serve_trap_site(requests) as origin:
        print(origin, flush=True)
        try:
            while True:
                time.sleep(5)
                print(f"{len(requests)} requests", flush=True)
        except KeyboardInterrupt:
            pass
