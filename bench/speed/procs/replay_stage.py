"""The replay floors, each run alone: `python replay_stage.py warcio|fastwarc WARC...`.

Every record is read; every HTML response's body is decoded (gzip as received) and parsed once
with lxml: the least a replay that extracts anything must do. Prints one JSON line: HTML pages
parsed and records read.
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Iterator

import lxml.html


def warcio_bodies(paths: list[str]) -> Iterator[bytes | None]:
    """warcio: decoded bodies of HTML responses, None for every other record."""
    from warcio.archiveiterator import ArchiveIterator

    for path in paths:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                html = record.rec_type == "response" and record.http_headers is not None and (
                    record.http_headers.get_header("Content-Type") or "").startswith("text/html")
                body = record.content_stream().read()  # decodes Content-Encoding
                yield body if html else None


def fastwarc_bodies(paths: list[str]) -> Iterator[bytes | None]:
    """FastWARC: the same, decoding gzip with zlib (FastWARC hands over the bytes as stored)."""
    from fastwarc.warc import ArchiveIterator

    for path in paths:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, parse_http=True):
                headers = record.http_headers
                body = record.reader.read()
                if record.headers.get("WARC-Type") != "response" or headers is None or \
                        record.http_content_type != "text/html":
                    yield None
                    continue
                gzip = headers.get("Content-Encoding", "") == "gzip"
                yield zlib.decompress(body, 47) if gzip and body else body  # an empty 200: no gzip stream


def main(mode: str, paths: list[str]) -> None:
    bodies = warcio_bodies if mode == "warcio" else fastwarc_bodies
    pages = records = 0
    for body in bodies(paths):
        records += 1
        if body:
            lxml.html.fromstring(body)
            pages += 1
    print(json.dumps({"pages": pages, "records": records}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
