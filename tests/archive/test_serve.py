"""`longform serve`: a real pywb over a real demo crawl returns the archived page as captured.

pywb runs from its own virtualenv (`make pywb`); under CI=true a missing pywb fails the test,
elsewhere the pywb tests skip with the reason. The bad-input tests need no pywb.
"""

from __future__ import annotations

import html
import io
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from warcio.archiveiterator import ArchiveIterator

from spiders.errors import UsageError
from spiders.wayback import find_wayback

LONGFORM = [sys.executable, "-m", "spiders.cli"]
START_TIMEOUT = 60.0


@pytest.fixture(scope="module")
def wayback() -> Path:
    try:
        return find_wayback(None)
    except UsageError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"pywb is required under CI: {error}")
        pytest.skip(f"pywb not installed (run `make pywb`): {error}")


@attrs.define
class Served:
    """A running `longform serve`: its process, the base URL it printed, what it printed."""

    process: subprocess.Popen[str]
    base: str
    output: list[str]


@pytest.fixture(scope="module")
def data(demo_dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder DATA/demo/ holding a copy of the demo crawl, not yet indexed."""
    folder = tmp_path_factory.mktemp("serve-data")
    shutil.copytree(demo_dataset, folder / "demo", ignore=shutil.ignore_patterns("index.cdxj"))
    return folder


@pytest.fixture(scope="module")
def served(data: Path, wayback: Path) -> Iterator[Served]:
    process = subprocess.Popen([*LONGFORM, "serve", str(data), "--port", "0", "--wayback", str(wayback)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        output = _read_until(process, "Ctrl-C stops pywb.")
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/", "".join(output))
        assert match, output
        yield Served(process, match.group(1), output)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def _read_until(process: subprocess.Popen[str], last: str) -> list[str]:
    """The lines serve prints up to `last`; a thread reads them, so a hung serve fails in time."""
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout
    assert stdout is not None

    def read() -> None:
        for line in iter(stdout.readline, ""):
            lines.put(line)
            if line.strip() == last:
                return
        lines.put("")  # serve exited

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + START_TIMEOUT
    while (line := lines.get(timeout=max(0.0, deadline - time.monotonic()))) and line.strip() != last:
        seen.append(line)
    if not line:
        raise AssertionError(f"serve exited while starting: {seen} {process.communicate()[1]}")
    return [*seen, line]


def _first_article(data: Path) -> dict:
    return dict(json.loads((data / "demo" / "articles.jsonl").read_text("utf-8").splitlines()[0]))


def _archived_payload(data: Path, provenance: dict) -> tuple[bytes, bytes, str]:
    """(payload as received, payload with Content-Encoding undone, Content-Encoding), by plain warcio."""
    with open(data / "demo" / provenance["warc_file"], "rb") as stream:
        stream.seek(provenance["warc_offset"])
        member = stream.read(provenance["warc_length"])
    raw_record = next(iter(ArchiveIterator(io.BytesIO(member))))
    raw = raw_record.raw_stream.read()  # after the HTTP headers: the body exactly as received
    decoded = next(iter(ArchiveIterator(io.BytesIO(member)))).content_stream().read()
    encoding = raw_record.http_headers.get_header("Content-Encoding") or ""
    return bytes(raw), bytes(decoded), encoding


def _count_responses(folder: Path) -> int:
    """Response records in the folder's WARCs, counted with plain warcio (one capture each)."""
    count = 0
    for path in folder.glob("*.warc.gz"):
        with open(path, "rb") as stream:
            count += sum(record.rec_type == "response" for record in ArchiveIterator(stream))
    return count


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.status, dict(response.headers.items()), response.read()


def _raw_replay_url(base: str, provenance: dict) -> str:
    """Written out by hand from the record: BASE/COLLECTION/TIMESTAMPid_/URL (pywb's scheme)."""
    timestamp = re.sub(r"\D", "", provenance["warc_date"])[:14]
    return f"{base}/demo/{timestamp}id_/{provenance['target_uri']}"


def test_serve_indexes_first_and_names_the_collection(served: Served, data: Path) -> None:
    assert (data / "demo" / "warc" / "index.cdxj").is_file()  # the copy had none: serve wrote it
    text = "".join(served.output)
    responses = _count_responses(data / "demo" / "warc")
    assert f"demo: {responses} captures in {(data / 'demo' / 'warc').resolve()}" in text
    article = _first_article(data)
    assert re.search(rf"e\.g\. {re.escape(served.base)}/demo/\d{{14}}/{re.escape(article['url'])}\n", text)


def test_raw_replay_is_the_archived_body_byte_for_byte(served: Served, data: Path) -> None:
    provenance = _first_article(data)["provenance"]
    raw, decoded, encoding = _archived_payload(data, provenance)
    assert encoding == "gzip"  # the sample site gzips, so "as received" and "decoded" differ
    url = _raw_replay_url(served.base, provenance)
    status, headers, body = _get(url, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert body == raw
    status, headers, body = _get(url)  # a client that takes no gzip gets it decoded
    assert status == 200 and body == decoded


def test_replay_url_from_show_returns_the_page(served: Served, data: Path) -> None:
    article = _first_article(data)
    line = (data / "demo" / "articles.jsonl").read_text("utf-8").splitlines()[0]
    command = [*LONGFORM, "show", "--replay-url", "-", "--dir", str(data), "--base", served.base]
    shown = subprocess.run(command, input=line, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    status, headers, body = _get(shown.stdout.strip())
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert article["title"] in html.unescape(body.decode("utf-8"))


def test_sigterm_stops_serve_and_pywb(served: Served) -> None:
    children = _children(served.process.pid)
    assert children, "serve runs no child process"
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=30) == 0
    for pid in children:
        assert not Path(f"/proc/{pid}").exists(), f"child {pid} of serve outlived it"
    port = int(served.base.rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=5):
        pass


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid`, from /proc (Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _serve(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*LONGFORM, "serve", *map(str, args)], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = _serve(tmp_path / "nope", "--wayback", sys.executable)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "no such folder" in result.stderr


def test_folder_without_warcs_is_a_one_line_error(tmp_path: Path) -> None:
    result = _serve(tmp_path, "--wayback", sys.executable)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "no .warc.gz files" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_no_wayback_tells_to_make_pywb(data: Path, tmp_path: Path) -> None:
    result = _serve(data, "--wayback", tmp_path / "wayback")
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "make pywb" in result.stderr


def test_port_in_use_is_a_one_line_error(data: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = _serve(data, "--port", str(busy.getsockname()[1]), "--wayback", sys.executable)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "in use" in result.stderr and "--port" in result.stderr


def test_pywb_dying_at_start_is_reported(data: Path, tmp_path: Path) -> None:
    broken = tmp_path / "wayback"
    broken.write_text("#!/bin/sh\necho 'ImportError: no module named pywb' >&2\nexit 3\n")
    broken.chmod(0o755)
    result = _serve(data, "--port", "0", "--wayback", broken)
    assert result.returncode == 1
    assert "exited with status 3" in result.stderr and "ImportError: no module named pywb" in result.stderr
