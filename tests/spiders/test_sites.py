"""Site profiles: bundled names, profile files, URLs, and errors that say how to fix them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.profile import profile_from_dict, profile_to_json
from spiders import sites


def test_lwj_is_bundled_with_its_zone_and_an_identifying_user_agent() -> None:
    assert "lwj" in sites.bundled_names()
    profile = sites.resolve("lwj")
    assert profile.base_url == "https://www.longwarjournal.org/"
    assert profile.timezone == "America/New_York"
    assert profile.platform == "wordpress"
    assert "longform-archiver" in profile.user_agent


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(sites.ProfileError, match="known sites: .*lwj"):
        sites.resolve("nosuchsite")


def test_a_short_declarative_file_adds_a_site(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    path.write_text('name = "ex"\nbase_url = "http://127.0.0.1:9/"\ntimezone = "Europe/Berlin"\n')
    profile = sites.resolve(str(path))
    assert (profile.name, profile.timezone, profile.platform) == ("ex", "Europe/Berlin", "wordpress")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\n', "missing required key 'base_url'"),
        ('name = "x"\nbase_url = "http://a/"\ncolour = "red"\n', "colour"),
        ("name = \n", "not valid TOML"),
    ],
)
def test_bad_profile_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(sites.ProfileError, match=message):
        sites.resolve(str(path))


def test_missing_profile_file() -> None:
    with pytest.raises(sites.ProfileError, match="cannot read profile"):
        sites.resolve("no/such/profile.toml")


def test_url_gives_a_wordpress_profile_limited_to_that_host() -> None:
    profile = sites.resolve("http://127.0.0.1:8089/blog")
    assert profile.name == "127-0-0-1-8089"
    assert profile.domains == ("127.0.0.1",)
    assert profile.base_url == "http://127.0.0.1:8089/blog/"


def test_profile_survives_the_json_round_trip_through_warcinfo() -> None:
    import json

    profile = sites.resolve("lwj")
    assert profile_from_dict(json.loads(profile_to_json(profile))) == profile
