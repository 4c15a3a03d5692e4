"""Where a site's files go: one function builds the path, from the data folder or the crawl's settings."""

from __future__ import annotations

from pathlib import Path

from archive.site_folder import crawl_site_folder, site_folder


def test_the_one_place_that_builds_a_site_folder() -> None:
    assert site_folder("out", "lwj") == Path("out/lwj")
    assert crawl_site_folder({"LONGFORM_DATA_DIR": "/srv/a"}, "lwj") == Path("/srv/a/lwj")
    assert crawl_site_folder({}, "lwj") == Path("data/lwj")  # the default data folder


def test_a_name_that_would_leave_the_data_folder_is_refused() -> None:
    import pytest

    for name in ("..", ".", "../escape", "a/b", "", "a\\b"):
        with pytest.raises(ValueError, match="not a plain folder name"):
            site_folder("out", name)
