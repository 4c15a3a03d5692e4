"""The demo site: a recording of the real WordPress test site (tests/sites/wordpress), replayed.

`data/wordpress-demo.warc.gz` holds what our own crawler fetched from WordPress 6.1 (theme Twenty
Twenty-One, Long War Journal permalinks, threaded comments 20 per page) for 11 posts: robots.txt,
the home page, the core sitemaps and every page of those posts, comment pages included.
`data/truth.json` is WordPress's own export of those posts and their comments (ground_truth.php),
never our extractor's output. `tests/sites/wordpress/record_demo.py` re-creates both.

>>> truth = recorded_truth()
>>> len(truth["posts"]), sum(c["type"] == "comment" for c in truth["comments"])
(11, 94)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .replay import Recording, Reply
from .server import serve_recording

DATA = Path(__file__).resolve().parent / "data"
RECORDED_WARC = DATA / "wordpress-demo.warc.gz"
RECORDED_TRUTH = DATA / "truth.json"

__all__ = ["RECORDED_TRUTH", "RECORDED_WARC", "Recording", "Reply", "recorded_truth",
           "serve_recorded_site", "serve_recording"]


@contextmanager
def serve_recorded_site(host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve the bundled recording on loopback; yields its base URL, 'http://127.0.0.1:PORT/'."""
    with serve_recording(Recording.load(RECORDED_WARC), host, port) as base_url:
        yield base_url


def recorded_truth() -> dict[str, Any]:
    """WordPress's ground truth for the recorded posts: `site`, `posts[]`, `comments[]` (all types,
    pingbacks and trackbacks included), as ground_truth.php exports them."""
    data: dict[str, Any] = json.loads(RECORDED_TRUTH.read_text("utf-8"))
    return data
