"""A server that answers each request from the synthetic site's files after a fixed delay.

Run: python delay_server.py ROOT PORT DELAY_MS (the harness starts and stops it). aiohttp comes
with Scrapy. Files are read per request, as nginx does; the delay is an asyncio sleep, so requests
wait side by side the way they do behind a slow network.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from aiohttp import web

TYPES = {".rss": "application/rss+xml", ".xml": "application/xml", ".txt": "text/plain"}


def url_to_file(path: str) -> str:
    """Same rule as sitegen.url_to_file (this script runs alone, outside the package)."""
    if path.endswith("/feed/"):
        return path.lstrip("/") + "index.rss"
    return path.lstrip("/") + ("index.html" if path.endswith("/") else "")


def make_app(root: Path, delay: float) -> web.Application:
    async def answer(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(delay)
        name = url_to_file(request.path)
        target = (root / (name + ".gz")).resolve()
        if root not in target.parents or not target.is_file():
            return web.Response(status=404, text="not found")
        headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding",
                   "Content-Type": TYPES.get(Path(name).suffix, "text/html")}
        return web.Response(body=target.read_bytes(), headers=headers)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", answer)
    return app


if __name__ == "__main__":
    root, port, delay_ms = Path(sys.argv[1]).resolve(), int(sys.argv[2]), float(sys.argv[3])
    web.run_app(make_app(root, delay_ms / 1000), host="127.0.0.1", port=port, print=None,
                access_log=None)
