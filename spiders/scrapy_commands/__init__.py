"""Project commands of `scrapy` (COMMANDS_MODULE): `crawl` with the exit status of `longform crawl`."""
