"""The corpus of WARC files other tools wrote, each with the verdict it should get (issue 14).

Three sources, all listed in one manifest (`tests/data/third-party-warcs/manifest.json`):

- committed sample archives: the test WARCs pywb's source distribution ships and one warcprox
  wrote of the WordPress fixture (README.md beside them names source and licence);
- WARCs real tools write in the tests: wget (Debian's) and warcio's `capture_http` against a loopback
  site (`loopback_pages.py`), and warcio's writer for revisit, resource, metadata and conversion
  records; `wget --mirror` of the WordPress fixture is `wget_mirror` (the fixture may be absent);
- deliberately damaged copies of those, built here (`DAMAGES`), each knowing the damaged span it made.

Use `build_corpus(folder)` (slow part: one wget run per kind, ~1 s) once per session and read the
`CorpusFile`s: `expected` says "clean" or "damaged", `spans` where (for built damage) and what.
Offsets of spans are those of the gzip member (`.warc.gz`) or record (`.warc`) holding the damage,
found with warcio in the undamaged base, never with the code under test.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import attrs
from loopback_pages import PAGES, serve_pages
from warc_damage import BUILDERS, build
from warcio.archiveiterator import ArchiveIterator
from warcio.capture_http import capture_http
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS_DIR = Path(__file__).resolve().parents[1] / "data" / "third-party-warcs"
MANIFEST = CORPUS_DIR / "manifest.json"
CLEAN, DAMAGED = "clean", "damaged"
NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
PLAIN_PAGE = next(path for path, (_, how) in PAGES.items() if how == "plain")
"""The loopback page sent as is: damage to its body is plain text, the same in every copy."""


@attrs.frozen
class Span:
    """One damaged stretch of a corpus file: `length` bytes at `offset`, of kind `kind` (manifest)."""

    kind: str
    offset: int
    length: int


@attrs.frozen
class CorpusFile:
    """A corpus WARC and what a reader must say about it."""

    name: str
    path: Path
    expected: str
    """CLEAN or DAMAGED."""
    kinds: tuple[str, ...] = ()
    """The kinds of damage in it (manifest `damage`), empty when clean."""
    spans: tuple[Span, ...] = ()
    """Where, for damage built here (committed files: only `kinds`)."""
    entry: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    """Its manifest entry (made_by, source, notes, quirks)."""


def manifest() -> dict[str, Any]:
    """The manifest: `kinds` (damage vocabulary) and `files` (one entry per corpus file)."""
    data: dict[str, Any] = json.loads(MANIFEST.read_text("utf-8"))
    return data


def entries() -> dict[str, dict[str, Any]]:
    """Manifest entries by file name."""
    return {entry["name"]: entry for entry in manifest()["files"]}


def committed_files() -> list[CorpusFile]:
    """The corpus files in the repository, with their expected verdicts."""
    return [_corpus_file(entry, CORPUS_DIR / entry["name"]) for entry in entries().values()
            if entry["built_by"] == "committed"]


def _corpus_file(entry: dict[str, Any], path: Path, spans: tuple[Span, ...] = ()) -> CorpusFile:
    return CorpusFile(entry["name"], path, entry["verdict"], tuple(entry.get("damage", ())), spans, entry)


# --- WARCs real tools write ---------------------------------------------------------------------

def wget_warcs(folder: Path, base_url: str) -> dict[str, Path]:
    """Three wget crawls of the loopback site: `wget-loopback.warc.gz` (with a CDX), the same
    uncompressed (`wget-loopback.warc`) and a deduplicating crawl against the first
    (`wget-loopback-dedup.warc.gz`, revisit records). Returns them by name."""
    common = ["--recursive", "--level=1", "--compression=auto", "-e", "robots=on",
              "--no-verbose", "--tries=1", "--timeout=20"]
    made = {}
    for stem, extra in (("wget-loopback", ["--warc-cdx"]), ("wget-loopback-plain", ["--no-warc-compression"]),
                        ("wget-loopback-dedup", [f"--warc-dedup={folder / 'wget-loopback.cdx'}"])):
        work = folder / f"{stem}.files"
        _run_wget([*common, *extra, f"--warc-file={folder / stem}", "-P", str(work), base_url])
        shutil.rmtree(work, ignore_errors=True)
    plain = folder / "wget-loopback-plain.warc"
    made["wget-loopback.warc"] = plain.rename(folder / "wget-loopback.warc")
    made["wget-loopback.warc.gz"] = folder / "wget-loopback.warc.gz"
    made["wget-loopback-dedup.warc.gz"] = folder / "wget-loopback-dedup.warc.gz"
    return made


REJECT = (r"/wp-json/|/feed/?$|/feed/|\?replytocom=|/wp-login\.php|/xmlrpc\.php"
          r"|/archives/(tag|category|author)/")


def wget_mirror(folder: Path, base_url: str) -> Path:
    """`wget --mirror --warc-file` of a site (the WordPress fixture), as an archivist would run it;
    feeds, the REST API, reply links and the tag, category and author listings left out (they hold
    no post or comment the home page's pagination does not reach; they only make it slow)."""
    work = folder / "mirror.files"
    _run_wget(["--mirror", "--no-verbose", "--tries=1", "--timeout=30", "-e", "robots=off",
               "--reject-regex", REJECT,
               f"--warc-file={folder / 'wget-mirror'}", "-P", str(work), base_url], timeout=600,
              # 3: a local file name clashed with a folder (`.../feed` and `.../feed/`); the WARC has both
              ok=(0, 3, 8))
    shutil.rmtree(work, ignore_errors=True)
    return folder / "wget-mirror.warc.gz"


def _run_wget(args: list[str], timeout: int = 120, ok: tuple[int, ...] = (0, 8)) -> None:
    proc = subprocess.run(["wget", *args], capture_output=True, text=True, timeout=timeout, check=False)
    # wget exits 8 when a server answered an error (the loopback site's 404 on purpose): still written.
    assert proc.returncode in ok, f"wget {' '.join(args)}: {proc.returncode}\n{proc.stderr[-3000:]}"


def capture_http_warc(folder: Path, base_url: str) -> Path:
    """`warcio.capture_http` recording urllib fetching every page of the loopback site."""
    path = folder / "warcio-capture-http.warc.gz"
    urls = [base_url, *(base_url.rstrip("/") + page for page in PAGES), base_url + "missing/"]
    with capture_http(str(path)):
        for url in urls:
            request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
            try:
                with urllib.request.urlopen(request, timeout=20) as answer:
                    answer.read()
            except urllib.error.HTTPError as error:  # the 404, archived all the same
                error.read()
    return path


def warcio_records_warc(folder: Path, captured: Path) -> Path:
    """A WARC/1.1 file written with warcio's writer holding every record type a reader meets besides
    request/response: revisits of both profiles (identical payload: no payload; not modified: a 304
    with none, WARC-Refers-To-Date given), a resource, a metadata and a conversion record, and a
    response with `WARC-Truncated: length` (a crawler's size limit, body cut on purpose)."""
    original = _first_response(captured, PLAIN_PAGE)
    path = folder / "warcio-records.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record("warcio-records.warc.gz",
                                                          {"software": "warcio", "format": "WARC 1.1"}))
        uri, date, digest, http = original
        ok = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_revisit_record(uri, digest, uri, date, http_headers=ok))
        not_modified = StatusAndHeaders("304 Not Modified", [("ETag", '"x1"')], protocol="HTTP/1.1")
        revisit = writer.create_revisit_record(uri, digest, uri, date, http_headers=not_modified)
        revisit.rec_headers.replace_header("WARC-Profile", NOT_MODIFIED)
        writer.write_record(revisit)
        for kind, body in (("resource", b"<html><body>a resource</body></html>"),
                           ("metadata", b"via: loopback\nhops: L\n"), ("conversion", b"plain text of it")):
            mime = "text/html" if kind == "resource" else "text/plain"
            writer.write_record(writer.create_warc_record(uri + f"#{kind}", kind, payload=_stream(body),
                                                          length=len(body), warc_content_type=mime))
        short = http[: len(http) // 2]
        cut = writer.create_warc_record(uri + "?cut", "response", payload=_stream(short), length=len(short),
                                        warc_headers_dict={"WARC-Truncated": "length"})
        writer.write_record(cut)
    return path


def _first_response(path: Path, page: str) -> tuple[str, str, str, bytes]:
    """(target URI, WARC-Date, payload digest, HTTP block) of the first response for `page`."""
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            if record.rec_type == "response" and uri.endswith(page):
                http = record.http_headers.to_bytes() + record.raw_stream.read()
                return (uri, record.rec_headers.get_header("WARC-Date"),
                        record.rec_headers.get_header("WARC-Payload-Digest"), http)
    raise AssertionError(f"no response for {page} in {path}")


def _stream(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


# --- the whole corpus ---------------------------------------------------------------------------

def build_corpus(folder: Path) -> list[CorpusFile]:
    """Every corpus file but the WordPress mirror: the committed ones, those wget and warcio write
    of the loopback site now, and the damaged copies of those (in `folder`)."""
    folder.mkdir(parents=True, exist_ok=True)
    with serve_pages() as base_url:
        made = wget_warcs(folder, base_url)
        made["warcio-capture-http.warc.gz"] = capture_http_warc(folder, base_url)
    made["warcio-records.warc.gz"] = warcio_records_warc(folder, made["warcio-capture-http.warc.gz"])
    files = committed_files()
    for entry in entries().values():
        if entry["built_by"] == "tool" and entry["name"] in made:
            files.append(_corpus_file(entry, made[entry["name"]]))
        elif entry["built_by"] in BUILDERS:
            out = folder / entry["name"]
            spans = build(entry["built_by"], made[entry["base"]], out)
            files.append(_corpus_file(entry, out, tuple(Span(*span) for span in spans)))
    return files
