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
        ('name = "x"\nbase_url = "http://a/"\nplatform = "drupal"\n',
         "platform = 'drupal': give one of wordpress, generic"),
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


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.longwarjournal.org/archives/2024/01/x.php", "lwj"),
    ("https://WWW.LongWarJournal.org:443/archives/x.php", "lwj"),  # the port and case are not the host
    ("https://user@longwarjournal.org/", "lwj"),
    ("http://127.0.0.1:8079/", None),
    ("http://[::1/", None),  # an unparseable URL from the web belongs to no site
    ("not a url", None),
])
def test_the_bundled_profile_of_a_url_goes_by_its_host(url: str, name: str | None) -> None:
    profile = sites.bundled_for_url(url)
    assert (profile.name if profile else None) == name


@pytest.mark.parametrize(("lines", "message"), [
    ("concurency = 4", "unknown key 'concurency' (did you mean 'concurrency'?); valid keys: name, base_url, "
                       "platform,"),
    ("[recheck]\nmax_day = 3", "unknown key 'max_day' in [recheck] (did you mean 'max_days'?); valid keys in "
                               "[recheck]: min_hours, max_days, factor, comments_feed, rest_api"),
    ("concurrency = \"4\"", "concurrency = '4': give a whole number"),
    ("use_sitemaps = 1", "use_sitemaps = 1: give true or false"),
    ("domains = \"example.org\"", "domains = 'example.org': give a list of strings"),
    ("selectors = \"//h1\"", "selectors = '//h1': give a table, [selectors]"),
    ("crosscheck = \"sometimes\"", "crosscheck = 'sometimes': give one of gaps, always, off"),
])
def test_a_profile_mistake_is_one_line_naming_the_file_the_key_and_the_valid_keys(
    tmp_path: Path, lines: str, message: str
) -> None:
    path = tmp_path / "site.toml"
    path.write_text(f'name = "x"\nbase_url = "http://127.0.0.1:9/"\n{lines}\n')
    with pytest.raises(sites.ProfileError) as error:
        sites.resolve(str(path))
    assert str(error.value).startswith(f"{path}: {message}")
    assert "\n" not in str(error.value) and "__init__" not in str(error.value)


def test_every_platform_a_profile_may_name_has_a_page_object() -> None:
    from scrapers.profile import PLATFORMS
    from scrapers.router import PAGE_OBJECTS

    assert set(PAGE_OBJECTS) == set(PLATFORMS)
