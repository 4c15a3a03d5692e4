"""Profile values a crawl cannot run with (a concurrency of 0 hangs it, a name with '..' writes
outside the data folder) are refused in one line naming the file, the key and what to give."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spiders import sites


@pytest.mark.parametrize(("lines", "message"), [
    ("concurrency = -1", "concurrency = -1: give a whole number of 1 or more"),
    ("concurrency = 0", "concurrency = 0: give a whole number of 1 or more"),
    ("download_delay = -5", "download_delay = -5: give a number of 0 or more"),
    ("download_delay = nan", "download_delay = nan: give a number of 0 or more"),
    ("download_delay = inf", "download_delay = inf: give a number of 0 or more"),
    ("max_listing_pages = 0", "max_listing_pages = 0: give a whole number of 1 or more"),
    ("[recheck]\nmin_hours = -1", "min_hours in [recheck] = -1: give a number of 0 or more"),
    ("[recheck]\nmax_days = -0.5", "max_days in [recheck] = -0.5: give a number of 0 or more"),
    ("[recheck]\nfactor = -2", "factor in [recheck] = -2: give a number of 0 or more"),
    ("[outage]\nthreshold = 0", "threshold in [outage] = 0: give a whole number of 1 or more"),
    ("[outage]\nbackoff_start = -1", "backoff_start in [outage] = -1: give a number of 0 or more"),
    ("[outage]\nbackoff_max = -1", "backoff_max in [outage] = -1: give a number of 0 or more"),
    ("[outage]\nmax_duration = -1.5", "max_duration in [outage] = -1.5: give a number of 0 or more"),
    ("[coverage]\nmin_records = -3", "min_records in [coverage] = -3: give a whole number of 0 or more"),
    ("[coverage.comments]\nauthor = 101", "coverage threshold author = 101: give a percentage, 0 to 100"),
])
def test_a_number_out_of_range_is_refused_naming_the_key(tmp_path: Path, lines: str, message: str) -> None:
    path = tmp_path / "neg.toml"
    path.write_text(f'name = "x"\nbase_url = "http://127.0.0.1:9/"\n{lines}\n')
    with pytest.raises(sites.ProfileError) as error:
        sites.resolve(str(path))
    assert str(error.value).startswith(f"{path}: {message}")
    assert "\n" not in str(error.value)


def test_the_smallest_allowed_values_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "edge.toml"
    path.write_text('name = "x"\nbase_url = "http://127.0.0.1:9/"\nconcurrency = 1\ndownload_delay = 0\n'
                    "[outage]\nthreshold = 1\nbackoff_start = 0\n[recheck]\nmin_hours = 0\n")
    profile = sites.resolve(str(path))
    assert (profile.concurrency, profile.download_delay, profile.outage.threshold) == (1, 0, 1)


@pytest.mark.parametrize("name", ["../escape", "..", ".", "a/b", "/abs", "", "a b", "x\\y"])
def test_a_name_that_is_not_a_plain_folder_name_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "esc.toml"
    path.write_text(f'name = "{name.replace(chr(92), chr(92) * 2)}"\nbase_url = "http://127.0.0.1:9/"\n')
    with pytest.raises(sites.ProfileError) as error:
        sites.resolve(str(path))
    assert str(error.value).startswith(f"{path}: ")
    assert "name" in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("name", ["lwj", "my_site.v2", "a-b", "..hidden-ok"])
def test_plain_names_are_accepted(tmp_path: Path, name: str) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(f'name = "{name}"\nbase_url = "http://127.0.0.1:9/"\n')
    assert sites.resolve(str(path)).name == name


@pytest.mark.parametrize(("url", "name"), [
    ("http://127.0.0.1:8089/", "127-0-0-1-8089"),
    ("https://www.example.org/blog/", "example-org"),
    ("http://[::1]:8080/", "1-8080"),
    ("http://..:8080/", "site-8080"),
    ("http://www./", "site"),
])
def test_a_name_from_a_url_is_always_a_plain_folder_name(url: str, name: str) -> None:
    assert sites.resolve(url).name == name


def test_the_crawl_command_refuses_a_bad_profile_in_one_line_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "neg.toml"
    path.write_text('name = "neg"\nbase_url = "http://127.0.0.1:9/"\nconcurrency = -1\n')
    done = subprocess.run([sys.executable, "-m", "spiders.cli", "crawl", str(path)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (
        2, f"longform: error: {path}: concurrency = -1: give a whole number of 1 or more\n")


def test_the_crawl_command_writes_nothing_outside_out_for_a_name_with_dots(tmp_path: Path) -> None:
    path = tmp_path / "esc.toml"
    path.write_text('name = "../escape"\nbase_url = "http://127.0.0.1:9/"\n')
    done = subprocess.run([sys.executable, "-m", "spiders.cli", "crawl", str(path), "--out", "out"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith(f"longform: error: {path}: name = '../escape': ")
    assert not (tmp_path / "escape").exists()
