"""Scrapy spider loader: one spider per site profile, so `scrapy crawl lwj` works."""

from __future__ import annotations

import builtins
from typing import Any

from scrapy.http import Request

from scrapers.profile import SiteProfile
from spiders import sites
from spiders.site_spider import SiteSpider


def spider_class_for(profile_name_or_source: str) -> type[SiteSpider]:
    """A SiteSpider subclass bound to the profile (name, file or URL)."""
    return spider_class(sites.resolve(profile_name_or_source))


def spider_class(profile: SiteProfile) -> type[SiteSpider]:
    """A SiteSpider subclass bound to `profile` (Scrapy wants one class per spider name)."""
    class_name = f"{profile.name.title().replace('-', '')}Spider"
    return type(class_name, (SiteSpider,), {"name": profile.name, "profile": profile})


class ProfileSpiderLoader:
    """ISpiderLoader over the bundled profiles."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: Any) -> ProfileSpiderLoader:
        return cls(settings)

    def load(self, spider_name: str) -> type[SiteSpider]:
        try:
            return spider_class_for(spider_name)
        except sites.ProfileError as error:
            raise KeyError(str(error)) from None

    def list(self) -> builtins.list[str]:
        return sites.bundled_names()

    def find_by_request(self, request: Request) -> builtins.list[str]:
        profile = sites.bundled_for_url(request.url)
        return [profile.name] if profile else []
