"""When is the site down, how long to wait, when to give up: the outage back-off, without Scrapy.

One policy per crawl (one site): a failure is a refused or dropped connection, a time-out or a
429/502/503/504 answer; a success is any other answer. After `threshold` failures in a row (or at
once, when the site sent Retry-After) the site counts as down and the whole crawl pauses:
`backoff_start` seconds, doubling after each failed try up to `backoff_max`, or exactly as long
as the site's Retry-After asks. Failures while a pause is on do not lengthen it (several requests in flight
fail together). Once the site has been failing for `max_duration` seconds, or the next pause
would end past that, the policy says give up. A site that has not served a page yet in this run
is not waited for: a wrong address or a site down from the start fails fast, as before.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

import attrs

from scrapers.profile import Outage


@attrs.define(frozen=True)
class Decision:
    """What to do with a failed request: wait `pause` seconds and try again, or give up."""

    pause: float
    give_up: bool = False


@attrs.define
class OutagePolicy:
    """Counts failures in a row and decides the site-wide pause (times are monotonic seconds)."""

    limits: Outage
    failures: int = 0
    down_since: float | None = None
    """When the current run of failures began."""
    pauses: int = 0
    paused_until: float = 0.0
    outages: list[float] = attrs.field(factory=list)
    """Durations of the outages ridden out so far."""
    has_answered: bool = False
    """The site has served a page in this run (only then can it be 'down again')."""

    def failure(self, now: float, retry_after: float | None = None) -> Decision | None:
        """A request failed: None when the site is not (yet) down, else pause or give up."""
        self.failures += 1
        if self.down_since is None:
            self.down_since = now
        if not self.has_answered or self.failures < self.limits.threshold and retry_after is None:
            return None  # one bad answer is not an outage: the usual retries handle it
        if now < self.paused_until and retry_after is None:
            return Decision(self.paused_until - now)
        # The site's own word on when to come back wins over our guess, shorter or longer.
        delay = retry_after if retry_after is not None else min(
            self.limits.backoff_max, self.limits.backoff_start * 2 ** self.pauses)
        if now - self.down_since + delay > self.limits.max_duration:
            return Decision(0.0, give_up=True)
        self.pauses += 1
        self.paused_until = max(self.paused_until, now + delay)
        return Decision(self.paused_until - now)

    def success(self, now: float, page: bool = True) -> float | None:
        """A request succeeded (`page`: not robots.txt): the length of the outage it ended, if any."""
        self.has_answered = self.has_answered or page
        ended = self.down_since is not None and self.pauses > 0
        duration = now - self.down_since if self.down_since is not None and ended else None
        self.failures, self.pauses, self.down_since, self.paused_until = 0, 0, None, 0.0
        if duration is not None:
            self.outages.append(duration)
        return duration

    def wait(self, now: float) -> float:
        """Seconds a request must still wait before it goes out (0 when no pause is on)."""
        return max(0.0, self.paused_until - now)


def retry_after_seconds(value: str | None, now_epoch: float) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None when absent or bad.

    >>> retry_after_seconds("120", 0.0)
    120.0
    >>> retry_after_seconds("Thu, 01 Jan 1970 00:01:00 GMT", 30.0)
    30.0
    >>> retry_after_seconds("soon", 0.0) is None
    True
    """
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - now_epoch)
