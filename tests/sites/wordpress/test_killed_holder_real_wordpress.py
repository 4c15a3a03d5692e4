"""A test run killed while it holds the real WordPress fixture does not break the next run.

The incremental test adds a post and a comment, edits a title, closes a thread and switches the
comment order, and undoes all of it in `finally` blocks. A SIGKILL (or a machine restart) skips
those: a run killed that way once left an extra post on the shared site, and every crawl test of
the next `make test` failed counting 57 articles instead of 56. Here a child process takes the
fixture (`site.exclusive()`), makes each of those changes with changes.php and configure.sh, and
is SIGKILLed while it holds it. The next holder must find the site as the child found it: the
same posts with the same titles, comment status and modified dates, the same approved comments,
the same settings, and an empty undo journal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path
from typing import Any

from tests.sites.wordpress import site as wp_site

HERE = Path(__file__).resolve().parent

CHILD = textwrap.dedent("""\
    import importlib.util, json, subprocess, sys, time
    here, slug, post_id, order = sys.argv[1:5]
    spec = importlib.util.spec_from_file_location("wordpress_fixture_site_child", here + "/site.py")
    site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(site)

    def run(*argv):
        subprocess.run(list(argv), check=True, capture_output=True, stdin=subprocess.DEVNULL)

    with site.exclusive():
        run("php", here + "/changes.php", "add-post", slug)
        run("php", here + "/changes.php", "add-comment", post_id, "Left by a killed run " + slug)
        run("php", here + "/changes.php", "edit-title", post_id, "Title left by a killed run " + slug)
        run("php", here + "/changes.php", "close-comments", post_id)
        run("bash", here + "/configure.sh", "--comment-order", order, "--comments-per-page", "7")
        print("changed", flush=True)
        time.sleep(600)
""")


def _content(truth: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """What a crawl test counts and compares: every post's identity and edited fields, and
    every approved comment."""
    posts = [(p["id"], p["slug"], p["title_raw"], p["comment_status"], p["post_modified_gmt"],
              p["comment_count"]) for p in truth["posts"]]
    comments = [(c["id"], c["post_id"], c["content_raw"]) for c in truth["comments"]]
    return sorted(posts), sorted(comments)


def test_a_holder_killed_mid_change_leaves_the_site_as_it_found_it() -> None:
    wp_site.url_for_tests()
    with wp_site.exclusive() as settings_before:
        truth_before = wp_site.ground_truth()
    open_post = next(p for p in truth_before["posts"] if p["comment_status"] == "open")
    slug = f"killed-holder-{uuid.uuid4().hex[:8]}"
    order = "asc" if settings_before["comment_order"] == "desc" else "desc"

    child = subprocess.Popen([sys.executable, "-c", CHILD, str(HERE), slug, str(open_post["id"]), order],
                             stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                             start_new_session=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "changed"
        changed = wp_site.ground_truth()
        assert slug in {p["slug"] for p in changed["posts"]}  # the child's changes are live
        assert (wp_site.settings()["comment_order"], wp_site.settings()["comments_per_page"]) == (order, 7)
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with wp_site.exclusive() as settings_after:
        truth_after = wp_site.ground_truth()
        assert wp_site.undo_pending_changes() == 0  # the journal was emptied when the lock was taken
    assert settings_after == settings_before
    assert _content(truth_after) == _content(truth_before)
