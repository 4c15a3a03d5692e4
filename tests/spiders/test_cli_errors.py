"""Bad input: one line saying what is wrong and how to fix it, exit status 2, nothing written."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

LONGFORM = [sys.executable, "-m", "spiders.cli"]


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LONGFORM, *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_unknown_site_lists_the_known_ones(tmp_path: Path) -> None:
    line = _one_line_error(_run("crawl", "nosuchsite", "--out", tmp_path))
    assert "unknown site 'nosuchsite'" in line and "lwj" in line
    assert not (tmp_path / "nosuchsite").exists()


def _unwritable_folder(tmp_path: Path) -> Path:
    """A folder nobody can create: a read-only directory, or /proc when we run as root (CI does)."""
    if os.geteuid() == 0:
        return Path("/proc/longform-test-out")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    return locked / "x"


def test_unwritable_out(tmp_path: Path) -> None:
    line = _one_line_error(_run("crawl", "lwj", "--out", _unwritable_folder(tmp_path)))
    assert "cannot write to" in line and "--out" in line


def test_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("x")
    line = _one_line_error(_run("crawl", "lwj", "--out", target))
    assert "cannot write to" in line and "--out" in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "lwj", "--since", "last week"], "write it as 2024-01-31"),
        (["crawl", "lwj", "--max-articles", "-3"], "positive whole number"),
    ],
)
def test_bad_options_say_the_expected_form(args: list[str], message: str) -> None:
    assert message in _one_line_error(_run(*args))


def test_replay_of_a_missing_file(tmp_path: Path) -> None:
    line = _one_line_error(_run("replay", tmp_path / "nope.warc.gz", "--out", tmp_path / "o"))
    assert "no such file" in line
    assert not (tmp_path / "o" / "articles.jsonl").exists()


def test_replay_of_a_file_that_is_not_a_warc(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a warc\n" * 10)
    line = _one_line_error(_run("replay", notes, "--out", tmp_path / "o"))
    assert "not a readable WARC" in line and "notes.txt" in line


def test_extract_of_a_missing_file(tmp_path: Path) -> None:
    line = _one_line_error(_run("extract", tmp_path / "x.html", "--url", "http://127.0.0.1/"))
    assert "cannot read" in line


def test_help_everywhere() -> None:
    for command in ([], ["crawl"], ["demo"], ["replay"], ["extract"], ["sites"]):
        result = _run(*command, "--help")
        assert result.returncode == 0 and "usage: longform" in result.stdout


@pytest.fixture()
def plain_site(tmp_path: Path) -> Iterator[str]:
    """A static, non-WordPress site on loopback (Python's own http.server)."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "index.html").write_text("<html><body><h1>Just a page</h1><p>Hello.</p></body></html>")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    handler = functools.partial(QuietHandler, directory=str(root))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass


def test_a_url_that_is_not_wordpress(plain_site: str, tmp_path: Path) -> None:
    line = _one_line_error(_run("crawl", plain_site, "--out", tmp_path / "out"))
    assert "does not look like a WordPress site" in line and 'platform = "generic"' in line
    assert not list((tmp_path / "out").rglob("*.jsonl"))
