"""`longform extract` shows the record as the crawl would write it: normalized fields filled, in the
profile's time zone. Page: the real WordPress fixture in Twenty Ten's comment markup (the date only
as link text); expected values are WordPress's own export (see test_wordpress_comment_markup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "data" / "wordpress-fixture" / "markup.twentyten.html"
URL = ("http://127.0.0.1:8089/archives/2021/12/analysis-jnims-drone-program-in-the-sahel.php"
       "/comment-page-1")


def _extract(tmp_path: Path, *extra: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "spiders.cli", "extract", str(PAGE), "--url", URL,
                             *extra], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_extract_prints_normalized_authors_and_dates_in_the_sites_zone(tmp_path: Path) -> None:
    profile = tmp_path / "fixture.toml"
    profile.write_text('name = "fixture"\nbase_url = "http://127.0.0.1:8089/"\n'
                       'timezone = "America/New_York"\n')
    comments = {c["id"]: c for c in _extract(tmp_path, "--site", str(profile))["comments"]}
    assert comments["166"]["author"] == 'Marcus "Doc" Ellery'
    assert comments["166"]["published_raw"] == "December 8, 2021 at 6:11 pm"
    assert comments["166"]["published"] == "2021-12-08T23:11:00Z"  # 6:11 pm EST is 23:11 UTC
    assert comments["186"]["author"] == "Tom & Jerry"
    assert all(c["article_id"] for c in comments.values())


def test_without_a_profile_local_times_are_read_as_utc(tmp_path: Path) -> None:
    comments = {c["id"]: c for c in _extract(tmp_path)["comments"]}
    assert comments["166"]["published"] == "2021-12-08T18:11:00Z"
