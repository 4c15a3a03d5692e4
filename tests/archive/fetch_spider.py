"""A bare spider for middleware tests: fetches the URLs given with -a urls=U1,U2."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy


class FetchSpider(scrapy.Spider):
    name = "fetch"

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls.split(",")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url)

    def parse(self, response: scrapy.http.Response) -> None:
        self.logger.info("fetched %s", response.url)
