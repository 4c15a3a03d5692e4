"""`longform demo --serve`: after the demo crawl the recorded site stays up for practice, its URL
printed, until Ctrl-C (SIGINT) or SIGTERM; then the port is closed and the exit status is the
crawl's."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import IO

import pytest

from spiders.recorded_site import recorded_truth

LONGFORM = [sys.executable, "-m", "spiders.cli"]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_recorded_site_stays_up_until_stopped(tmp_path: Path, stop: signal.Signals) -> None:
    with subprocess.Popen([*LONGFORM, "demo", "--serve", "--out", str(tmp_path)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None and process.stderr is not None
        try:
            shown = _lines_until(process.stdout, "longform serve ")  # the crawl's summary, then the tips
            url = shown.split("stays up at ", 1)[1].split()[0]
            assert (tmp_path / "demo" / "articles.jsonl").is_file()  # the demo crawl ran first
            with urllib.request.urlopen(url, timeout=10) as home:
                assert home.status == 200
                page = home.read().decode("utf-8")
            assert recorded_truth()["site"]["name"] in page  # the recording, served for practice
            process.send_signal(stop)
            rest = process.stdout.read()
            assert process.wait(timeout=30) == 0, process.stderr.read()
        finally:
            process.kill()
    assert f"longform probe {url}" in shown
    assert "Stopped serving the recorded site." in rest
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=5)


def _lines_until(stream: IO[str], marker: str) -> str:
    """The lines read up to and with the first one holding `marker`."""
    lines = []
    while not lines or marker not in lines[-1]:
        line = stream.readline()
        assert line, "".join(lines)  # the process ended before printing it
        lines.append(line)
    return "".join(lines)
