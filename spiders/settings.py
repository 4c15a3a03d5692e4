"""Scrapy settings of the longform project (`scrapy crawl <site>` and `longform crawl`)."""

from __future__ import annotations

import os

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
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19 starts it by default: an HTTP server that runs code
HTTPERROR_ALLOW_ALL = True  # the spider sees (and WARC keeps) 404s of sitemap probes
REDIRECT_ENABLED = True

DOWNLOADER_MIDDLEWARES = {
    # Closest to the downloader: sees bytes as received, before decompression and redirects.
    "archive.middleware.WarcArchiveMiddleware": 950,
    # Before RetryMiddleware (550) sees failures: an outage pauses the crawl instead of using retries.
    "spiders.outage.OutageMiddleware": 560,
}
ITEM_PIPELINES = {"pipelines.scrapy_pipeline.DatasetPipeline": 300}
EXTENSIONS = {
    # First: the run's lock, state and archive settings come before any other component is built.
    "spiders.run_lifecycle.RunLifecycle": -100,
    "spiders.crawl_progress.CrawlProgress": 600,  # `longform crawl` on a terminal only
    "archive.disk_guard.DiskFullGuard": 0,
    "pipelines.coverage_monitor.FieldCoverageMonitor": 500,
    "pipelines.extract_pool.ExtractPool": 700,  # LONGFORM_EXTRACT_WORKERS
    "spiders.malloc_trim.MallocTrim": 800,  # LONGFORM_MALLOC_TRIM_PAGES: flat RSS (issue 15)
}
LONGFORM_DISK_RESERVE = 1 << 20
"""Bytes kept aside in the site folder for a clean stop when the disk fills (archive.disk_guard)."""
LONGFORM_OUTAGE_ENABLED = True
LONGFORM_OUTAGE_THRESHOLD = 3
LONGFORM_OUTAGE_BACKOFF_START = 5.0
LONGFORM_OUTAGE_BACKOFF_MAX = 120.0
LONGFORM_OUTAGE_MAX_DURATION = 1800.0
"""Site-wide back-off while the site is down (spiders.outage); a profile's [outage] overrides."""
COMMANDS_MODULE = "spiders.scrapy_commands"
"""`scrapy crawl` prints the run's report and exits with its status, as `longform crawl` does."""
COVERAGE_ENABLED = True
"""Judge field coverage (thresholds: the profile's [coverage], or COVERAGE_* settings)."""

ARCHIVE_ENABLED = True
ARCHIVE_MAX_FILE_SIZE = 1_000_000_000
LONGFORM_DATA_DIR = "data"
"""Root folder of datasets: each site writes to <LONGFORM_DATA_DIR>/<site>/."""

LONGFORM_DISK_QUEUE = True
"""Pending requests wait on disk (Scrapy's `JOBDIR` disk queues in a fresh temporary folder per
run, removed when it ends): a sitemap names every article at once, and
in memory the queue grew by about 0.7 KB per article. Our own state, not Scrapy's queue, is what
a run resumes from. Requests that cannot be pickled stay in memory (Scrapy's fallback)."""

LOG_LEVEL = "INFO"

LONGFORM_REDIS_URL = os.environ.get("LONGFORM_REDIS_URL", "")
"""redis://HOST:PORT/DB: this crawl is one worker of a crawl shared through Redis
(`spiders.redis_worker`); empty, the crawl runs on its own."""
LONGFORM_LEASE_SECONDS = os.environ.get("LONGFORM_LEASE_SECONDS", "30")
"""How long a worker's in-flight request is its own unless renewed (a killed worker's come back
on the queue after this)."""
