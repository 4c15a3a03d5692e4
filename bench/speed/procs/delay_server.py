"""A server that answers each request from the synthetic site's files after a fixed delay.

Run: python delay_server.py ROOT PORT DELAY_MS (the harness starts and stops it, and gives `fd:N`
for PORT: a socket it bound and listens on, so no other process can take the port between). aiohttp
comes with Scrapy. Files are read per request, as nginx does; the delay is an asyncio sleep, so
requests wait side by side the way they do behind a slow network. `GET /__in_flight__` answers how
many requests were in flight at once since the last such call (time-weighted mean between the first
arrival and the last answer, and peak), then starts counting afresh: the harness asks after each
stage, so it shows the concurrency a crawler really kept.
"""

from __future__ import annotations

import asyncio
import socket
import sys
import time
from pathlib import Path
from typing import Any

from aiohttp import web

TYPES = {".rss": "application/rss+xml", ".xml": "application/xml", ".txt": "text/plain"}


def url_to_file(path: str) -> str:
    """Same rule as sitegen.url_to_file (this script runs alone, outside the package)."""
    if path.endswith("/feed/"):
        return path.lstrip("/") + "index.rss"
    return path.lstrip("/") + ("index.html" if path.endswith("/") else "")


class InFlight:
    """Requests in flight over time: the integral of their number, its peak, the window."""

    def __init__(self) -> None:
        self.now = 0
        self.reset()

    def reset(self) -> None:
        self.area = 0.0
        self.peak = self.now
        self.requests = 0
        self.first: float | None = None
        self.last = time.monotonic()

    def change(self, by: int) -> None:
        moment = time.monotonic()
        self.area += self.now * (moment - self.last)
        self.last = moment
        if by > 0:
            self.requests += 1
            self.first = moment if self.first is None else self.first
        self.now += by
        self.peak = max(self.peak, self.now)

    def summary(self) -> dict[str, float]:
        span = self.last - self.first if self.first is not None else 0.0
        return {"requests": self.requests, "peak_in_flight": self.peak,
                "mean_in_flight": round(self.area / span, 2) if span else 0.0}


def make_app(root: Path, delay: float) -> web.Application:
    flight = InFlight()

    async def in_flight(_request: web.Request) -> web.StreamResponse:
        summary = flight.summary()
        flight.reset()
        return web.json_response(summary)

    async def answer(request: web.Request) -> web.StreamResponse:
        flight.change(+1)
        try:
            return await _answer(request)
        finally:
            flight.change(-1)

    async def _answer(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(delay)
        name = url_to_file(request.path)
        target = (root / (name + ".gz")).resolve()
        if root not in target.parents or not target.is_file():
            return web.Response(status=404, text="not found")
        headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding",
                   "Content-Type": TYPES.get(Path(name).suffix, "text/html")}
        return web.Response(body=target.read_bytes(), headers=headers)

    app = web.Application()
    app.router.add_route("GET", "/__in_flight__", in_flight)
    app.router.add_route("GET", "/{tail:.*}", answer)
    return app


if __name__ == "__main__":
    root, port, delay_ms = Path(sys.argv[1]).resolve(), sys.argv[2], float(sys.argv[3])
    where: dict[str, Any] = {"host": "127.0.0.1", "port": int(port)} if port.isdigit() else \
        {"sock": socket.socket(fileno=int(port.removeprefix("fd:")))}
    web.run_app(make_app(root, delay_ms / 1000), print=None, access_log=None, **where)
