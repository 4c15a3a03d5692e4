"""Rough edges a new user met (issue 16): `--version`, a closed pipe (`longform ... | head`), a
non-http URL given as a site, and `show` printing the archived Content-Encoding above a decoded
body. Each runs the real `longform` command."""

from __future__ import annotations

import gzip
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from spiders.cli import EXIT_BROKEN_PIPE

ROOT = Path(__file__).resolve().parents[2]
LONGFORM = [sys.executable, "-m", "spiders.cli"]
PAGE = ROOT / "tests" / "data" / "wordpress-fixture" / "markup.twentyten.html"
PAGE_URL = ("http://127.0.0.1:8089/archives/2021/12/analysis-jnims-drone-program-in-the-sahel.php"
            "/comment-page-1")


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LONGFORM, *map(str, args)], capture_output=True, text=True, timeout=120)


def test_version_is_the_package_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert result.stdout == f"longform {version('longform-archiver')}\n"
    assert version("longform-archiver") == declared


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The WARC folder of a demo crawl (pages served gzip'd with a Content-Length), indexed."""
    out = tmp_path_factory.mktemp("show")
    result = _run("demo", "--out", out)
    assert result.returncode == 0, result.stderr[-4000:]
    assert _run("index", out / "demo").returncode == 0
    return out / "demo" / "warc"


def _responses(folder: Path) -> dict[str, tuple[str | None, str | None, bytes]]:
    """Record id -> (Content-Encoding, Content-Length, payload as archived) of each response."""
    found = {}
    for warc in sorted(folder.glob("*.warc.gz")):
        with open(warc, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    found[record.rec_headers.get_header("WARC-Record-ID")] = (
                        record.http_headers.get_header("Content-Encoding"),
                        record.http_headers.get_header("Content-Length"), record.raw_stream.read())
    return found


def _show(folder: Path, record_id: str) -> tuple[dict[str, str], bytes]:
    result = subprocess.run([*LONGFORM, "show", record_id, "--dir", str(folder)], capture_output=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    head, _, body = result.stdout.partition(b"\r\n\r\n")
    headers = dict(line.split(": ", 1) for line in head.decode("latin-1").split("\r\n")[1:])
    return headers, body


def test_show_marks_the_headers_of_the_encoded_body_it_decoded(indexed: Path) -> None:
    responses = _responses(indexed)
    record_id, (_, length, archived) = next((i, r) for i, r in responses.items() if r[0] == "gzip")
    assert length == str(len(archived))  # as served: the length of the gzip'd bytes
    headers, body = _show(indexed, record_id)
    assert body == gzip.decompress(archived)
    assert "Content-Encoding" not in headers
    assert headers["X-Archive-Orig-Content-Encoding"] == "gzip"
    assert headers["X-Archive-Orig-Content-Length"] == str(len(archived))
    assert headers["Content-Length"] == str(len(body))


def test_show_leaves_the_headers_of_a_body_stored_as_is(indexed: Path) -> None:
    responses = _responses(indexed)
    record_id, (_, _, archived) = next((i, r) for i, r in responses.items() if r[0] is None)
    headers, body = _show(indexed, record_id)
    assert body == archived
    assert headers["Content-Length"] == str(len(archived))
    assert not any(name.startswith("X-Archive-Orig-") for name in headers)


def _with_stdout_closed(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """Run with the reading end of stdout's pipe closed before the command writes a byte, as
    `longform ... | head` leaves it once head has its lines."""
    process = subprocess.Popen([*LONGFORM, *map(str, args)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    with process.stderr:
        stderr = process.stderr.read()
    return subprocess.CompletedProcess(process.args, process.wait(timeout=120), b"", stderr)


@pytest.mark.parametrize("verb", ["extract", "sites", "show"])
def test_a_closed_pipe_ends_the_command_quietly(verb: str, indexed: Path) -> None:
    args: dict[str, list[str | Path]] = {
        "extract": ["extract", PAGE, "--url", PAGE_URL],
        "sites": ["sites"],
        "show": ["show", next(iter(_responses(indexed))), "--dir", indexed],
    }
    result = _with_stdout_closed(*args[verb])
    assert result.stderr == b""
    assert result.returncode == EXIT_BROKEN_PIPE


@pytest.mark.parametrize("site", ["ftp://example.org/", "file:///etc/passwd", "HTTPS-ish://x/"])
def test_a_url_that_is_not_http_is_refused_in_one_line(site: str, tmp_path: Path) -> None:
    result = _run("crawl", site, "--out", tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"longform: error: {site!r} is not a site: only http(s) URLs, bundled "
                             "profile names (see `longform sites`) and profile .toml files are accepted\n")
    assert list(tmp_path.iterdir()) == []


def test_an_http_url_in_capitals_is_still_a_url(tmp_path: Path) -> None:
    """Not read as a profile file 'HTTP:/...': the scheme is case-insensitive."""
    from spiders import sites

    assert sites.resolve("HTTP://127.0.0.1:9/").base_url == "http://127.0.0.1:9/"
