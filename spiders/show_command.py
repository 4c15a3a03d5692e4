"""`longform show RECORD_ID|URL [--dir DIR]`: one archived HTTP response, or the captures of a URL.

Looks in the CDXJ indexes `longform index` wrote under DIR. A record id prints the response as
archived: status line and headers, a blank line, the body with Content-Encoding undone (`--body`:
the body alone). A URL lists its captures, oldest first, one per line, with the record id to show.
"""

from __future__ import annotations

import sys
from pathlib import Path

from archive.index import INDEX_NAME, Capture, find_captures, find_record
from archive.reader import NotAWarcError, http_response_at
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError


def show(target: str, folder: Path, body_only: bool = False) -> int:
    """Print the record `target` names (a WARC-Record-ID) or the captures of a URL."""
    is_record = target.startswith(("<urn:", "urn:"))
    if not is_record and "://" not in target:
        raise UsageError(f"{target!r} is neither a WARC-Record-ID (<urn:uuid:...>) nor a URL (http://...)")
    indexes = _indexes(folder)
    if is_record:
        return _show_record(indexes, target if target.startswith("<") else f"<{target}>", body_only)
    return _show_captures(indexes, target)


def _indexes(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder; give the data folder with --dir")
    indexes = sorted(folder.rglob(INDEX_NAME))
    if not indexes:
        raise UsageError(f"no {INDEX_NAME} under {folder}; run `longform index {folder}` first")
    for index in indexes:
        if any(warc.stat().st_mtime > index.stat().st_mtime for warc in index.parent.glob("*.warc*")):
            print(f"longform: warning: {index} is older than a WARC beside it; run `longform index "
                  f"{index.parent}` to include its newer records", file=sys.stderr)
    return indexes


def _show_record(indexes: list[Path], record_id: str, body_only: bool) -> int:
    capture = find_record(indexes, record_id)
    if capture is None:
        print(f"longform: no record {record_id} in {len(indexes)} index(es); the indexes list response "
              f"records only (a request's id is not there)", file=sys.stderr)
        return EXIT_FAILED
    try:
        head, body = http_response_at(capture.warc, capture.offset)
    except (NotAWarcError, OSError) as error:
        print(f"longform: {error}; run `longform verify {capture.warc}`", file=sys.stderr)
        return EXIT_FAILED
    out = sys.stdout.buffer
    if not body_only:
        out.write(head)
    out.write(body)
    out.flush()
    return EXIT_OK


def _show_captures(indexes: list[Path], url: str) -> int:
    captures = find_captures(indexes, url)
    if not captures:
        print(f"longform: no captures of {url} in {len(indexes)} index(es)", file=sys.stderr)
        return EXIT_FAILED
    for capture in captures:
        print(_capture_line(capture))
    return EXIT_OK


def _capture_line(capture: Capture) -> str:
    return (f"{capture.timestamp} {capture.status} {capture.mime} {capture.record_id} "
            f"{capture.warc} offset {capture.offset} {capture.url}")
