"""Finding a site profile: a bundled name, a profile file (TOML) or a site URL."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapers.profile import SiteProfile, profile_from_dict
from scrapers.profile_keys import ProfileKeyError

_URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://")
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9_-]+")


class ProfileError(ValueError):
    """A profile cannot be found or read; the message says how to fix it. Raised here, the CLI
    turns it into a one-line error with exit status 2."""


def bundled_names() -> list[str]:
    """Names of the profiles shipped with the package."""
    folder = resources.files("spiders") / "sites"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def resolve(site: str) -> SiteProfile:
    """A bundled profile name, a path to a .toml profile, or an http(s) URL of a WordPress site."""
    scheme = _URL_SCHEME.match(site)
    if scheme and scheme.group(1).lower() in ("http", "https"):
        return profile_for_url(site)
    if scheme:  # ftp://..., file://...: a URL, not a path with '//' in it
        raise ProfileError(f"{site!r} is not a site: only http(s) URLs, bundled profile names "
                           "(see `longform sites`) and profile .toml files are accepted")
    if site.endswith(".toml") or "/" in site:
        return load_file(Path(site))
    if site in bundled_names():
        text = (resources.files("spiders") / "sites" / f"{site}.toml").read_text("utf-8")
        return from_toml(text, f"bundled profile {site}")
    known = ", ".join(bundled_names())
    raise ProfileError(
        f"unknown site {site!r}; known sites: {known} (or give a profile .toml file or a site URL)"
    )


def profile_for_url(url: str) -> SiteProfile:
    """A default WordPress profile for a site given by URL."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port out of range
    except ValueError:
        parts = urlsplit("")
    if not parts.hostname:
        raise ProfileError(f"{url!r} is not a site URL; give one like https://www.example.org/")
    name = url_site_name(parts.hostname, parts.port)
    # A trailing slash, so sitemap and feed paths resolve inside a site living in a sub-folder.
    path = parts.path if parts.path.endswith("/") else f"{parts.path}/"
    base = f"{parts.scheme}://{parts.netloc}{path}"
    return SiteProfile(name=name, base_url=base, domains=(parts.hostname,))


def url_site_name(host: str, port: int | None) -> str:
    """The site name (a plain folder name) for a host: `www.example.org:8080` -> example-org-8080.
    Anything but letters, digits, '-' and '_' becomes '-' (IPv6 colons, a host of dots)."""
    name = _NOT_PLAIN.sub("-", host.removeprefix("www.")).strip("-") or "site"
    return f"{name}-{port}" if port else name


def bundled_for_url(url: str) -> SiteProfile | None:
    """The bundled profile whose domains include the URL's host (any port, any case), or None."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # an unparseable URL (bad IPv6 brackets) belongs to no site
        return None
    for name in bundled_names():
        profile = resolve(name)
        if host in profile.domains:
            return profile
    return None


def load_file(path: Path) -> SiteProfile:
    """A profile from a TOML file."""
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise ProfileError(f"cannot read profile {path}: {error.strerror}; check the path") from None
    return from_toml(text, str(path))


def from_toml(text: str, source: str) -> SiteProfile:
    """Parse a profile; unknown keys and wrong types are errors naming the key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{source}: not valid TOML ({error})") from None
    return _build(data, source)


def _build(data: dict[str, Any], source: str) -> SiteProfile:
    for key in ("name", "base_url"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ProfileError(f"{source}: missing required key {key!r} (a string)")
    try:
        return profile_from_dict(data)
    except ProfileKeyError as error:  # names the key and the valid ones
        raise ProfileError(f"{source}: {error}") from None
    except (TypeError, ValueError) as error:
        raise ProfileError(f"{source}: {error}; see spiders/sites/lwj.toml for the keys") from None
