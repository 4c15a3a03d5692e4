"""The malloc_trim extension gives freed memory back to the system (real glibc, fresh processes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from spiders.malloc_trim import MallocTrim, glibc_malloc_trim

ROOT = Path(__file__).resolve().parents[2]

# Bodies of ~90 KB freed between small blocks that stay: holes glibc keeps (the top of the heap is
# all it trims by itself); then 200 responses through the extension, as a crawl's would come.
FRAGMENT = """
import json, sys
from scrapy.utils.test import get_crawler
from spiders.malloc_trim import MallocTrim

def rss_anon_kb():
    for line in open("/proc/self/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1])

crawler = get_crawler(settings_dict={"LONGFORM_MALLOC_TRIM_PAGES": int(sys.argv[1]),
                                     "LONGFORM_MALLOC_MMAP_THRESHOLD": int(sys.argv[2])})
trim = MallocTrim.from_crawler(crawler)
bodies, kept = [], []
for n in range(1500):
    bodies.append(b"x" * (90_000 + n))  # distinct sizes, written (calloc leaves new maps untouched)
    kept.append(bytes(1_000))         # malloc'd too (over pymalloc's 512 bytes), stays
before = rss_anon_kb()
del bodies
freed = rss_anon_kb()
for _ in range(200):
    trim.response_received()
print(json.dumps({"before": before, "freed": freed, "after": rss_anon_kb(),
                  "trims": crawler.stats.get_value("memory/malloc_trims", 0)}))
"""


def _fragment(every: int, threshold: int = 0) -> dict[str, int]:
    done = subprocess.run([sys.executable, "-c", FRAGMENT, str(every), str(threshold)], capture_output=True,
                          text=True, timeout=60, cwd=ROOT, check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(glibc_malloc_trim() is None, reason="glibc only: elsewhere the extension is off")
def test_freed_bodies_go_back_to_the_system_every_n_responses() -> None:
    trimmed, untrimmed = _fragment(100), _fragment(1000)
    # 1,500 bodies of ~90 KB: ~130 MB, which freeing alone leaves resident (holes)
    assert untrimmed["before"] - untrimmed["after"] < 20_000 and untrimmed["trims"] == 0
    assert trimmed["freed"] - trimmed["after"] > 80_000 and trimmed["trims"] == 2


@pytest.mark.skipif(glibc_malloc_trim() is None, reason="glibc only: elsewhere the extension is off")
def test_with_the_default_mmap_threshold_bodies_go_back_as_soon_as_they_are_freed() -> None:
    mapped = _fragment(1000, threshold=65536)  # the default: blocks of 64 KiB and more mapped alone
    assert mapped["before"] - mapped["freed"] > 80_000 and mapped["trims"] == 0


def test_zero_turns_it_off() -> None:
    with pytest.raises(NotConfigured):
        MallocTrim.from_crawler(get_crawler(settings_dict={"LONGFORM_MALLOC_TRIM_PAGES": 0}))
