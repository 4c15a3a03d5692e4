"""Speed harness of issue 15: a WordPress-shaped static site, served on loopback, crawled and
replayed by each stage in its own process (`bench/speed_bench.py`, `make bench`)."""
