"""Replay's read path, CPU per record (issue 15, item 4): our scanner (`archive.reader.read_archive`,
ISA-L inflate, the tolerant walk) against FastWARC's iterator with the body's Content-Encoding
undone, and the cost of replay's first pass (`replay_worker.index_part`: the REST answers).

    .venv/bin/python bench/replay_read_bench.py WARC...

CPU seconds of this process (`time.process_time`), best of 3; not a unit test.
"""

from __future__ import annotations

import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from archive.reader import ArchivedResponse, read_archive  # noqa: E402
from pipelines.replay_tasks import split  # noqa: E402
from pipelines.replay_worker import index_part  # noqa: E402


def ours(paths: list[Path]) -> int:
    return sum(isinstance(item, ArchivedResponse) for path in paths for item in read_archive(path))


def fastwarc(paths: list[Path]) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    for path in paths:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
                body = record.reader.read()
                if record.http_headers is not None and \
                        record.http_headers.get("Content-Encoding", "") == "gzip":
                    body = zlib.decompressobj(47).decompress(body)  # tolerant, as ours is
                count += 1
    return count


def first_pass(paths: list[Path]) -> int:
    return sum(len(index_part(part).items) for part in split(paths, 1 << 62))


def best(fn: Callable[[list[Path]], int], paths: list[Path]) -> tuple[float, int]:
    times = []
    for _ in range(3):
        started = time.process_time()
        count = fn(paths)
        times.append(time.process_time() - started)
    return min(times), count


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]]
    responses = ours(paths)
    for name, fn in (("our scanner (read_archive)", ours), ("FastWARC + gzip decode", fastwarc),
                     ("first pass (index_part)", first_pass)):
        seconds, count = best(fn, paths)
        print(f"{name}: {seconds:.2f} s CPU, {1000 * seconds / responses:.2f} ms per response "
              f"({responses} responses; returned {count})")


if __name__ == "__main__":
    main()
