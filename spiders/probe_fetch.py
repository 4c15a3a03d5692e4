"""The few polite requests of `longform probe`: one at a time, a pause between two, robots.txt
obeyed, the crawl's User-Agent, bodies capped. Standard library only: a look at a site needs no
Scrapy engine (and starts in a blink)."""

from __future__ import annotations

import gzip
import http.client
import time
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from urllib.parse import urljoin, urlsplit

from scrapers.http import HttpResponse, header_value
from spiders.settings import USER_AGENT

MAX_BYTES = 16 * 1024 * 1024  # a page (or sitemap) larger than this is cut: enough to look at
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class FetchError(Exception):
    """The site did not answer (refused, timed out, not HTTP); the message says which."""


class PoliteFetcher:
    """GETs with `delay` seconds between two requests, skipping what robots.txt disallows."""

    def __init__(self, delay: float = 1.0, user_agent: str = USER_AGENT, timeout: float = 20.0) -> None:
        self.delay, self.user_agent, self.timeout = delay, user_agent, timeout
        self.requests = 0
        self.disallowed: list[str] = []
        """URLs not fetched because robots.txt disallows them."""
        self._last = float("-inf")
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def get(self, url: str) -> HttpResponse | None:
        """The response to GET `url` (any status); None when robots.txt disallows it;
        FetchError when the site does not answer."""
        if not self._allowed(url):
            self.disallowed.append(url)
            return None
        return self._get(url)

    def sitemaps_in_robots(self, url: str) -> list[str]:
        """The `Sitemap:` lines of the robots.txt of `url`'s site."""
        robots = self._robots.get(_origin(url))
        return list(robots.site_maps() or []) if robots is not None else []

    def _allowed(self, url: str) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        robots = self._robots[origin]
        return robots is None or robots.can_fetch(self.user_agent, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        # As Scrapy's RobotsTxtMiddleware: no robots.txt, or a broken one, allows everything.
        try:
            response = self._get(urljoin(origin, "/robots.txt"))
        except FetchError:
            return None
        if response.status != 200:
            return None
        robots = urllib.robotparser.RobotFileParser()
        robots.parse(response.text.splitlines())
        return robots

    def _get(self, url: str) -> HttpResponse:
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.requests += 1
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip"})
        try:
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return _response(answer.geturl(), answer.status, answer.headers.items(),
                                     answer.read(MAX_BYTES))
            except urllib.error.HTTPError as error:  # 4xx/5xx: an answer all the same
                with error:
                    return _response(error.geturl() or url, error.code, error.headers.items(),
                                     error.read(MAX_BYTES))
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            raise FetchError(f"{url} did not answer ({reason})") from None
        finally:
            self._last = time.monotonic()


def _response(url: str, status: int, headers: list[tuple[str, str]], body: bytes) -> HttpResponse:
    """An HttpResponse with the body's gzip undone (as Scrapy hands it to the spider)."""
    encoding = (header_value(headers, "Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError, zlib.error):
            pass  # a cut or broken gzip body: kept as it came
        headers = [(k, v) for k, v in headers if k.lower() != "content-encoding"]
    return HttpResponse(url=url, status=status, headers=tuple(headers), body=body)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
