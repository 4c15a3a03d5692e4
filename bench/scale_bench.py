"""Does replay stay fast and bounded in memory as the archive grows? Not a unit test.

Run: .venv/bin/python bench/scale_bench.py [--copies 10,80,640]

Runs `longform demo` once (the recording of the real WordPress fixture), then writes bigger
archives from that crawl: copy k of every HTML response gets its URLs moved under `/copy-k/` and
its comment ids prefixed with k, so every copy is a distinct site section with distinct article and
comment ids (the dataset's id set grows as it would on a real site). Each archive is replayed in a
fresh interpreter that reports its own peak RSS; plain warcio iteration of the same file, in the
same run, is the baseline.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]

PEAK_RSS = """
def peak_mib():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child of a big parent
    # would report the parent's peak.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

MEASURE_REPLAY = PEAK_RSS + """
import json, sys, time
from pathlib import Path
from pipelines.replay import replay
started = time.perf_counter()
replay([Path(sys.argv[1])], Path(sys.argv[2]))
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "peak_mib": peak_mib()}))
"""

MEASURE_WARCIO = PEAK_RSS + """
import json, sys, time
from warcio.archiveiterator import ArchiveIterator
started = time.perf_counter()
with open(sys.argv[1], "rb") as stream:
    for record in ArchiveIterator(stream):
        record.content_stream().read()
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "peak_mib": peak_mib()}))
"""


def crawl_sample(out: Path) -> list[Path]:
    """`longform demo --out OUT`; the WARC files it wrote."""
    subprocess.run([sys.executable, "-m", "spiders.cli", "demo", "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    return sorted(out.glob("*/warc/*.warc.gz"))


def html_exchanges(warcs: list[Path]) -> tuple[ArcWarcRecord, list[tuple[str, StatusAndHeaders, bytes]]]:
    """The first warcinfo record and every HTML response (URL, HTTP headers, decoded body)."""
    info: ArcWarcRecord | None = None
    pages = []
    for path in warcs:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "warcinfo" and info is None:
                    record.raw_stream = io.BytesIO(record.content_stream().read())
                    info = record
                elif record.rec_type == "response":
                    headers = record.http_headers
                    if "html" in (headers.get_header("Content-Type") or ""):
                        body = record.content_stream().read()  # Content-Encoding undone
                        headers.remove_header("Content-Encoding")
                        pages.append((record.rec_headers.get_header("WARC-Target-URI"), headers, body))
    assert info is not None, "the sample crawl wrote no warcinfo record"
    return info, pages


def copies(pages: list[tuple[str, StatusAndHeaders, bytes]], count: int, origin: str
           ) -> Iterator[tuple[str, StatusAndHeaders, bytes]]:
    """Every page `count` times, each copy under its own path prefix with its own comment ids."""
    for k in range(count):
        prefix = f"{origin}/copy-{k}"
        new_ids = b"comment-%d0\\1" % (k + 1)  # comment-57 -> comment-3057 in the third copy
        for url, headers, body in pages:
            moved = body.replace(origin.encode(), prefix.encode())
            moved = re.sub(rb"comment-(\d+)", new_ids, moved)
            yield url.replace(origin, prefix, 1), headers, moved


def write_archive(path: Path, info: ArcWarcRecord, pages: Iterator[tuple[str, StatusAndHeaders, bytes]]
                  ) -> int:
    """One gzip'd WARC: the warcinfo, then a response record per page. Returns the record count."""
    count = 1
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="WARC/1.1")
        writer.write_record(info)
        for url, headers, body in pages:
            headers.replace_header("Content-Length", str(len(body)))
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               length=len(body), http_headers=headers)
            writer.write_record(record)
            count += 1
    return count


def measure(script: str, *args: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], check=True,
                          capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="10,40,160",
                        help="comma-separated copy counts of the sample crawl (default: 10,40,160)")
    counts = [int(n) for n in parser.parse_args().copies.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        info, pages = html_exchanges(crawl_sample(work / "crawl"))
        origin = re.match(r"https?://[^/]+", pages[0][0]).group(0)  # type: ignore[union-attr]
        print(f"sample crawl: {len(pages)} HTML responses; replay vs plain warcio, fresh interpreters")
        print(f"{'pages':>7} {'WARC MB':>8} {'warcio rec/s':>13} {'replay rec/s':>13} {'ratio':>6} "
              f"{'warcio RSS':>11} {'replay RSS':>11} {'JSONL lines':>12}")
        for count in counts:
            warc = work / f"scaled-{count}.warc.gz"
            records = write_archive(warc, info, copies(pages, count, origin))
            plain = measure(MEASURE_WARCIO, warc)
            ours = measure(MEASURE_REPLAY, warc, work / f"replay-{count}")
            lines = sum(len(p.read_text().splitlines()) for p in (work / f"replay-{count}").glob("*.jsonl"))
            print(f"{records - 1:>7} {warc.stat().st_size / 1e6:>8.1f} "
                  f"{records / plain['seconds']:>13.0f} {records / ours['seconds']:>13.0f} "
                  f"{ours['seconds'] / plain['seconds']:>5.1f}x "
                  f"{plain['peak_mib']:>8.0f} MiB {ours['peak_mib']:>8.0f} MiB {lines:>12}")
            warc.unlink()


if __name__ == "__main__":
    main()
