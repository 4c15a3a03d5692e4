"""What `longform crawl` shows and opens (issue 16): one progress line on a terminal, Scrapy's log in
`<site>/logs/<crawl_id>.log`, warnings and errors on stderr; -v, --log-level, --quiet; no
listening socket; a report that counts what a twice-interrupted crawl wrote; --delay,
--concurrency and --user-agent over the profile. Real crawls of the demo recording on loopback."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from statistics import median

from warcio.archiveiterator import ArchiveIterator

from spiders.recorded_site import serve_recorded_site

REPO = Path(__file__).resolve().parents[2]
LONGFORM = [sys.executable, "-m", "spiders.cli", "crawl"]
PROGRESS = re.compile(r"\r\x1b\[Kcrawling rec: (\d+) pages, (\d+) articles, (\d+) comments, (\d+) errors, "
                      r"[\d.]+ pages/s, ETA (--|\d+s|\d+m\d\ds)")


def _profile(tmp_path: Path, base_url: str, delay: float = 0.0) -> Path:
    path = tmp_path / "rec.toml"
    path.write_text(f'name = "rec"\nbase_url = "{base_url}"\ntimezone = "America/New_York"\n'
                    f"autothrottle = false\ndownload_delay = {delay}\nconcurrency = 1\n")
    return path


def _on_terminal(command: list[str], **popen: object) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal; (exit status, stdout, what the terminal got)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=slave, cwd=REPO, **popen)  # type: ignore[call-overload]
    os.close(slave)
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read)
    reader.start()
    stdout = proc.communicate(timeout=300)[0]
    reader.join(timeout=30)
    os.close(master)
    return proc.returncode, stdout.decode(), b"".join(chunks).decode("utf-8", "replace")


def _log_file(site: Path) -> Path:
    report = json.loads((site / "crawl-report.json").read_text())
    return site / "logs" / f"{report['crawl_id']}.log"


def test_on_a_terminal_one_progress_line_and_the_log_in_a_file(tmp_path: Path) -> None:
    with serve_recorded_site() as base_url:
        profile = _profile(tmp_path, base_url, delay=0.2)  # ~4 s: a few redraws
        status, stdout, terminal = _on_terminal([*LONGFORM, str(profile), "--out", str(tmp_path)])
    assert status == 0, terminal[-3000:]
    lines = PROGRESS.findall(terminal)
    assert len(lines) >= 3, terminal[-2000:]
    assert [int(pages) for pages, *_ in lines] == sorted(int(pages) for pages, *_ in lines)
    assert any(eta != "--" for *_, eta in lines)  # once the sitemaps are read, the total is known
    assert int(lines[-1][1]) > 0 and int(lines[-1][2]) > 0  # articles, comments as they are written
    # The line is erased at the end; nothing else reached the terminal (no warnings in this crawl).
    assert PROGRESS.sub("", terminal).replace("\r\x1b[K", "").strip() == ""
    assert stdout.startswith("Crawl finished: 11 articles, 94 comments") and "Report rec-" in stdout
    log = _log_file(tmp_path / "rec").read_text()
    assert "[scrapy.core.engine] INFO: Spider opened" in log and "Dumping Scrapy stats" in log
    assert "Scrapy 2." in log.splitlines()[0]  # the start-up lines held before the lock, then written


def test_verbose_quiet_and_log_level(tmp_path: Path) -> None:
    """A dead port: the crawl fails in seconds, logging errors."""
    profile = _profile(tmp_path, "http://127.0.0.1:9/")
    verbose = subprocess.run([*LONGFORM, str(profile), "--out", str(tmp_path / "v"), "-v"],
                             capture_output=True, text=True, timeout=120, cwd=REPO)
    default = subprocess.run([*LONGFORM, str(profile), "--out", str(tmp_path / "d"), "--log-level", "debug"],
                             capture_output=True, text=True, timeout=120, cwd=REPO)
    quiet_status, _, quiet = _on_terminal([*LONGFORM, str(profile), "--out", str(tmp_path / "q"), "--quiet"])
    assert verbose.returncode == default.returncode == quiet_status == 1
    assert "[scrapy.core.engine] INFO: Spider opened" in verbose.stderr
    assert "Traceback" not in verbose.stderr  # one line per record; tracebacks are in the file
    assert "Traceback" in _log_file(tmp_path / "v" / "rec").read_text()
    # --log-level DEBUG: DEBUG on stderr and in the file (the file has INFO by default).
    assert "] DEBUG: " in default.stderr
    assert "] DEBUG: " in _log_file(tmp_path / "d" / "rec").read_text()
    assert "] DEBUG: " not in _log_file(tmp_path / "v" / "rec").read_text()
    # --quiet on a terminal: no progress line, errors only.
    shown = [line for line in quiet.splitlines() if line.strip()]
    assert shown and all("] ERROR: " in line for line in shown), quiet[-2000:]
    assert "crawling rec" not in quiet


def test_a_crawl_opens_no_listening_socket_and_leaves_nothing_in_home(tmp_path: Path) -> None:
    """Scrapy 2.19 starts a remote-control HTTP server by default (and writes its token under
    ~/.local/state/scrapy/); the telnet console likewise. The crawl must open neither."""
    home = tmp_path / "home"
    home.mkdir()
    with serve_recorded_site() as base_url:
        profile = _profile(tmp_path, base_url, delay=0.3)
        crawl = subprocess.Popen([*LONGFORM, str(profile), "--out", str(tmp_path / "out"),
                                  "--max-articles", "4"], cwd=REPO,
                                 env={**os.environ, "HOME": str(home)},
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        listening, samples = set(), 0
        warcs = tmp_path / "out" / "rec" / "warc"
        while crawl.poll() is None:
            if list(warcs.glob("*.warc.gz")):  # the engine is running
                listening |= _listening_sockets(crawl.pid)
                samples += 1
            time.sleep(0.1)
    assert crawl.returncode == 0
    assert samples >= 5
    assert listening == set()
    assert list(home.rglob("*")) == []


def _listening_sockets(pid: int) -> set[str]:
    """Inodes of the sockets `pid` holds that are in the LISTEN state (TCP, v4 and v6)."""
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            held.add(target[8:-1])
    listen = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            fields = row.split()
            if fields[3] == "0A":  # TCP_LISTEN
                listen.add(fields[9])
    return held & listen


def test_a_crawl_stopped_by_two_sigints_reports_what_it_wrote(tmp_path: Path) -> None:
    site = tmp_path / "rec"
    with serve_recorded_site() as base_url:
        profile = _profile(tmp_path, base_url, delay=0.3)
        crawl = subprocess.Popen([*LONGFORM, str(profile), "--out", str(tmp_path)], cwd=REPO,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        comments = site / "comments.jsonl"
        deadline = time.monotonic() + 60
        while not (comments.exists() and comments.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.05)
        crawl.send_signal(signal.SIGINT)
        time.sleep(0.2)
        crawl.send_signal(signal.SIGINT)  # Scrapy: "forcing unclean shutdown"
        stdout, _ = crawl.communicate(timeout=60)
    assert crawl.returncode == 1
    report = json.loads((site / "crawl-report.json").read_text())
    written = {kind: len((site / f"{kind}.jsonl").read_text().splitlines())
               for kind in ("articles", "comments")}
    assert 0 < written["articles"] < 11  # stopped part way
    assert report["records_appended"] == written
    assert report["finish_reason"] == "unclean_shutdown" and report["finished"] is not None
    assert report["failure"] == "the crawl stopped early (finish reason: unclean_shutdown)"
    assert [entry["path"] for entry in report["warc_files"]] == \
        [str(path.relative_to(site)) for path in site.glob("warc/*.warc.gz")]
    assert f"appended {written['articles']} articles, {written['comments']} comments" in stdout
    with sqlite3.connect(site / "state.sqlite") as db:
        assert [row[0] for row in db.execute("SELECT status FROM runs")] == ["failed"]


def test_delay_concurrency_and_user_agent_override_the_profile(tmp_path: Path) -> None:
    with serve_recorded_site() as base_url:
        profile = _profile(tmp_path, base_url)  # no delay, concurrency 1, the default agent
        longform = subprocess.run(
            [*LONGFORM, str(profile), "--out", str(tmp_path / "l"), "--max-articles", "3", "--delay", "0.3",
             "--concurrency", "3", "--user-agent", "probe-agent/2.0 (+tests)"],
            capture_output=True, text=True, timeout=300, cwd=REPO)
        scrapy = subprocess.run(
            [str(Path(sys.executable).with_name("scrapy")), "crawl", str(profile), "-a", "max_articles=3",
             "-s", f"LONGFORM_DATA_DIR={tmp_path / 's'}", "-s", "LONGFORM_DELAY=0.3",
             "-s", "LONGFORM_CONCURRENCY=3", "-s", "LONGFORM_USER_AGENT=probe-agent/2.0 (+tests)"],
            capture_output=True, text=True, timeout=300, cwd=REPO)
    assert longform.returncode == 0, longform.stderr[-3000:]
    assert scrapy.returncode == 0, scrapy.stderr[-3000:]
    overridden = _log_file(tmp_path / "l" / "rec").read_text() + scrapy.stderr
    assert overridden.count("'CONCURRENT_REQUESTS_PER_DOMAIN': 3") == 2
    for folder in (tmp_path / "l" / "rec", tmp_path / "s" / "rec"):
        agents, dates = _requests(folder)
        assert agents == {"probe-agent/2.0 (+tests)"}
        gaps = [later - earlier for earlier, later in pairwise(dates)]
        # Scrapy spreads the delay over 0.5x..1.5x; without it the loopback answers in ~1 ms.
        assert median(gaps) >= 0.15, gaps


def _requests(folder: Path) -> tuple[set[str], list[float]]:
    """The User-Agent of every archived request and the request times, in order."""
    agents, dates = set(), []
    for path in sorted(folder.glob("warc/*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "warcinfo":
                    info = record.content_stream().read().decode()
                    assert "http-header-user-agent: probe-agent/2.0 (+tests)" in info
                if record.rec_type == "request":
                    agents.add(record.http_headers.get_header("User-Agent"))
                    when = record.rec_headers.get_header("WARC-Date").replace("Z", "+00:00")
                    dates.append(_epoch(when))
    return agents, sorted(dates)


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def test_bad_politeness_values_are_one_line_and_exit_2(tmp_path: Path) -> None:
    for flag, value, says in (("--delay", "-1", "is not a number of seconds"),
                              ("--delay", "nan", "is not a number of seconds"),
                              ("--concurrency", "0", "is not a positive whole number")):
        result = subprocess.run([*LONGFORM, "lwj", "--out", str(tmp_path), flag, value],
                                capture_output=True, text=True, timeout=60, cwd=REPO)
        assert result.returncode == 2
        assert says in result.stderr and "Traceback" not in result.stderr
