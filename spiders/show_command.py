"""`longform show RECORD_ID|URL|- [--dir DIR]`: one archived HTTP response, or the captures of a URL.

Looks in the CDXJ indexes `longform index` wrote under DIR. A record id prints the response as
archived: status line and headers, a blank line, the body with Content-Encoding undone (`--body`:
the body alone); the headers that describe the archived bytes, not the decoded ones shown, are
renamed as pywb does (`X-Archive-Orig-Content-Encoding`, ...) and `Content-Length` is the shown
body's. A URL lists its captures, oldest first, one per line, with the record id to show
(`--body`: the body of its latest capture, revisits skipped, as for that capture's record id).
`-` reads JSONL records (lines of articles.jsonl or comments.jsonl) from stdin and takes each one's
`provenance.warc_record_id`. `--replay-url` prints, instead, the replay URL of each record or
capture in a pywb at `--base`, one per line (see archive/replay_url.py).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

from archive.index import INDEX_NAME, Capture, find_captures, find_records, latest_content, unindexed_folders
from archive.reader import NotAWarcError, http_response_at
from archive.replay_url import collection_name, replay_url
from spiders.errors import EXIT_FAILED, EXIT_OK, UsageError

STDIN = "-"


def show(target: str, folder: Path, body_only: bool = False, replay_base: str | None = None) -> int:
    """Print the record `target` names (a WARC-Record-ID, or `-`: the records of the JSONL lines on
    stdin) or the captures of a URL; with `replay_base`, their replay URLs under that pywb."""
    if target == STDIN:
        record_ids = _record_ids(sys.stdin)
    elif target.startswith(("<urn:", "urn:")):
        record_ids = [target if target.startswith("<") else f"<{target}>"]
    elif "://" in target:
        record_ids = []
    else:
        raise UsageError(f"{target!r} is neither a WARC-Record-ID (<urn:uuid:...>), a URL (http://...) "
                         f"nor - (JSONL records on stdin)")
    indexes = _indexes(folder)
    if not record_ids and body_only:
        return _show_latest_body(indexes, target)
    if not record_ids:
        return _show_captures(indexes, target, replay_base)
    captures = _records(indexes, record_ids)
    shown = 0
    for capture in captures:  # a damaged record is reported and the next one shown all the same
        if replay_base is not None:
            print(_replay_url(replay_base, capture))
            shown += 1
        else:
            shown += _print_response(capture, body_only)
    return EXIT_OK if shown == len(record_ids) else EXIT_FAILED


def _record_ids(lines: Iterable[str]) -> list[str]:
    """`provenance.warc_record_id` of each JSONL record; UsageError at the first line without one."""
    ids = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record_id = json.loads(line)["provenance"]["warc_record_id"]
        except (ValueError, KeyError, TypeError):
            raise UsageError(f"stdin line {number} is not a JSONL record with provenance.warc_record_id; "
                             f"pipe in lines of articles.jsonl or comments.jsonl") from None
        ids.append(str(record_id))
    if not ids:
        raise UsageError("no JSONL records on stdin; pipe in lines of articles.jsonl or comments.jsonl")
    return ids


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
    for warc_folder in unindexed_folders(folder):
        print(f"longform: warning: {warc_folder} holds WARC files but no {INDEX_NAME}; run `longform "
              f"index {warc_folder}` to include its records", file=sys.stderr)
    return indexes


def _records(indexes: list[Path], record_ids: list[str]) -> list[Capture]:
    """The captures of `record_ids` in their order (repeats kept: comments share their page's
    record); one line on stderr for each id no index lists."""
    found = find_records(indexes, record_ids)
    for record_id in dict.fromkeys(record_ids):
        if record_id not in found:
            print(f"longform: no record {record_id} in {len(indexes)} index(es); the indexes list response "
                  f"records only (a request's id is not there)", file=sys.stderr)
    return [found[record_id] for record_id in record_ids if record_id in found]


def _print_response(capture: Capture, body_only: bool) -> bool:
    """Print one record; False (after a line on stderr) when it is damaged or not all there."""
    try:
        head, body, truncated = http_response_at(capture.warc, capture.offset)
    except (NotAWarcError, OSError) as error:
        print(f"longform: damage: {error}; run `longform verify {capture.warc}`", file=sys.stderr)
        return False
    out = sys.stdout.buffer
    if not body_only:
        out.write(shown_head(head, len(body)))
    out.write(body)
    out.flush()
    if truncated:
        print(f"longform: {capture.record_id}: the body is not all there: {truncated}", file=sys.stderr)
    return truncated is None


DECODED = {"gzip", "x-gzip", "deflate", "br"}
"""Content-Encodings warcio undoes in the body it hands back."""
_ENCODED_BODY_HEADERS = {"content-encoding", "content-length", "transfer-encoding"}


def shown_head(head: bytes, shown_length: int) -> bytes:
    """The archived header block, fit for the decoded body printed below it: when the body was
    decoded (a Content-Encoding undone, a chunked transfer joined), the headers that describe the
    archived bytes become `X-Archive-Orig-*` and `Content-Length` gives the shown length.

    >>> head = b"HTTP/1.1 200 OK\\r\\nContent-Length: 30\\r\\nContent-Encoding: gzip\\r\\n\\r\\n"
    >>> for line in shown_head(head, 52).splitlines():
    ...     print(line.decode())
    HTTP/1.1 200 OK
    X-Archive-Orig-Content-Length: 30
    X-Archive-Orig-Content-Encoding: gzip
    Content-Length: 52
    <BLANKLINE>
    >>> shown_head(b"HTTP/1.1 200 OK\\r\\nContent-Length: 52\\r\\n\\r\\n", 52)
    b'HTTP/1.1 200 OK\\r\\nContent-Length: 52\\r\\n\\r\\n'
    """
    lines = head.rstrip(b"\r\n").split(b"\r\n")
    fields = [(line.partition(b":")[0].strip().decode("latin-1").lower(), line) for line in lines[1:]]
    decoded = any(name == "transfer-encoding" or (name == "content-encoding" and
                  line.partition(b":")[2].strip().decode("latin-1").lower() in DECODED)
                  for name, line in fields)
    if not decoded:
        return head
    out = [lines[0]]
    out += [b"X-Archive-Orig-" + line if name in _ENCODED_BODY_HEADERS else line for name, line in fields]
    out.append(b"Content-Length: %d" % shown_length)
    return b"\r\n".join(out) + b"\r\n\r\n"


def _show_captures(indexes: list[Path], url: str, replay_base: str | None) -> int:
    captures = find_captures(indexes, url)
    if not captures:
        print(f"longform: no captures of {url} in {len(indexes)} index(es)", file=sys.stderr)
        return EXIT_FAILED
    for capture in captures:
        print(_capture_line(capture) if replay_base is None else _replay_url(replay_base, capture))
    return EXIT_OK


def _show_latest_body(indexes: list[Path], url: str) -> int:
    capture = latest_content(indexes, url)
    if capture is None:
        print(f"longform: no captures of {url} with a body in {len(indexes)} index(es)", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK if _print_response(capture, body_only=True) else EXIT_FAILED


def _replay_url(base: str, capture: Capture) -> str:
    # The index lies in the WARC folder, so its collection is the dataset the WARCs belong to.
    return replay_url(base, collection_name(capture.warc.parent), capture.timestamp, capture.url)


def _capture_line(capture: Capture) -> str:
    return (f"{capture.timestamp} {capture.status} {capture.mime} {capture.record_id} "
            f"{capture.warc} offset {capture.offset} {capture.url}")
