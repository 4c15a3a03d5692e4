"""Scrapy settings of the longform project (`scrapy crawl <site>` and `longform crawl`)."""

from __future__ import annotations

BOT_NAME = "longform"
SPIDER_LOADER_CLASS = "spiders.loader.ProfileSpiderLoader"
SPIDER_MODULES: list[str] = []

USER_AGENT = "longform-archiver/0.1 (+research web archive; polite, obeys robots.txt)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
HTTPERROR_ALLOW_ALL = True  # the spider sees (and WARC keeps) 404s of sitemap probes
REDIRECT_ENABLED = True

DOWNLOADER_MIDDLEWARES = {
    # Closest to the downloader: sees bytes as received, before decompression and redirects.
    "archive.middleware.WarcArchiveMiddleware": 950,
}
ITEM_PIPELINES = {"pipelines.scrapy_pipeline.DatasetPipeline": 300}
EXTENSIONS = {"pipelines.coverage_monitor.FieldCoverageMonitor": 500}
COVERAGE_ENABLED = True
"""Judge field coverage (thresholds: the profile's [coverage], or COVERAGE_* settings)."""

ARCHIVE_ENABLED = True
ARCHIVE_MAX_FILE_SIZE = 1_000_000_000
LONGFORM_DATA_DIR = "data"
"""Root folder of datasets: each site writes to <LONGFORM_DATA_DIR>/<site>/."""

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
