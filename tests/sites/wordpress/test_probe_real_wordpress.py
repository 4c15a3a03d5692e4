"""`longform probe` on the real WordPress fixture, checked against WordPress's own export
(ground_truth.php): platform, discovery route, article count, one article and its comments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from tests.sites.wordpress import site as wp_site

HERE = Path(__file__).resolve().parent


def _value(stdout: str, label: str) -> str:
    [line] = [line for line in stdout.splitlines() if line.strip().startswith(f"{label}:")]
    return line.split(":", 1)[1].strip()


def test_probe_of_the_live_fixture_agrees_with_wordpress(tmp_path: Path) -> None:
    url = wp_site.url_for_tests()
    with wp_site.exclusive():  # nobody switches the theme or the REST API off meanwhile
        truth = json.loads(subprocess.run(["php", str(HERE / "ground_truth.php")], capture_output=True,
                                          text=True, check=True, timeout=120).stdout)
        result = subprocess.run([sys.executable, "-m", "spiders.cli", "probe", url, "--delay", "0",
                                 "--write-profile", str(tmp_path / "fixture.toml")],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # What WordPress lists: the public posts and the published password-protected ones.
    listed = len(truth["posts"]) + sum(1 for post in truth["hidden"]["posts"]
                                       if post["status"] == "publish")
    assert _value(out, "platform") == "wordpress"
    if truth["site"]["rest"] == "on":
        assert _value(out, "REST API") == f"{url}wp-json/ ({listed} posts)"
    assert _value(out, "articles") == f"about {listed}"
    sample = urlsplit(_value(out, "sample")).path.lower()
    [post] = [p for p in truth["posts"] if urlsplit(p["url"]).path.lower() == sample]
    assert _value(out, "title") == post["title"]
    if post["comment_pages"] == 1:
        comments = [c for c in truth["comments"] if c["post_id"] == post["id"] and c["type"] == "comment"]
        assert _value(out, "comments").startswith(f"{len(comments)} on this page")
    assert "platform = \"wordpress\"" in (tmp_path / "fixture.toml").read_text("utf-8")
