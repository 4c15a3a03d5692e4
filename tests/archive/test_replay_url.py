"""Replay URLs: the collection a folder of WARCs is served as, and where one capture can be seen.

The module's doctests show the plain cases; these are the ones a user meets from a shell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.replay_url import DEFAULT_BASE, collection_name, replay_url


def test_the_current_folder_is_named_by_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "lwj" / "warc").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "lwj" / "warc")
    assert collection_name(Path(".")) == "lwj"  # `longform index .` inside DIR/lwj/warc
    monkeypatch.chdir(tmp_path / "lwj")
    assert collection_name(Path(".")) == "lwj"
    assert collection_name(Path("data/demo/warc/")) == "demo"


def test_a_url_with_query_and_fragment_goes_in_unquoted() -> None:
    url = "http://127.0.0.1:8089/?p=6&replytocom=12#comment-12"
    assert replay_url(DEFAULT_BASE + "//", "lwj", "20260102030405", url, "id_") == (  # id_: unrewritten
        "http://127.0.0.1:8080/lwj/20260102030405id_/" + url
    )
