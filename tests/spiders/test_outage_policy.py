"""The outage back-off: when the site counts as down, how long the crawl pauses, when it gives up."""

from __future__ import annotations

from scrapers.profile import Outage
from spiders.outage_policy import Decision, OutagePolicy

LIMITS = Outage(threshold=3, backoff_start=5, backoff_max=60, max_duration=300)


def _answered() -> OutagePolicy:
    policy = OutagePolicy(LIMITS)
    policy.success(0.0)
    return policy


def test_a_site_that_never_answered_is_not_waited_for() -> None:
    policy = OutagePolicy(LIMITS)
    policy.success(0.0, page=False)  # robots.txt alone
    assert all(policy.failure(float(n)) is None for n in range(10))
    assert policy.failure(10.0, retry_after=5.0) is None


def test_a_few_failures_are_left_to_the_usual_retries() -> None:
    policy = _answered()
    assert policy.failure(0.0) is None and policy.failure(1.0) is None
    assert policy.success(2.0) is None  # no outage was on
    assert policy.failure(3.0) is None  # the count starts again after a success


def test_the_pause_doubles_up_to_the_cap_and_a_success_ends_the_outage() -> None:
    policy = _answered()
    policy.failure(0.0), policy.failure(0.0)
    pauses, now = [], 0.0
    for _ in range(6):
        decision = policy.failure(now)
        assert decision is not None and not decision.give_up
        pauses.append(decision.pause)
        now += decision.pause
    assert pauses == [5, 10, 20, 40, 60, 60]
    assert policy.success(now) == now  # down since the first failure at 0
    assert policy.outages == [now] and policy.wait(now) == 0


def test_failures_during_a_pause_do_not_lengthen_it() -> None:
    policy = _answered()
    policy.failure(0.0), policy.failure(0.0)
    assert policy.failure(0.0) == Decision(5.0)
    assert policy.failure(1.0) == Decision(4.0)  # a request in flight failing too: same pause
    assert policy.wait(2.0) == 3.0


def test_retry_after_pauses_at_once_and_for_as_long_as_asked() -> None:
    policy = _answered()
    assert policy.failure(0.0, retry_after=120.0) == Decision(120.0)  # beyond the 60 s cap
    for moment in (120.0, 125.0, 135.0):  # our own back-off has grown meanwhile...
        policy.failure(moment)
    assert policy.failure(175.0, retry_after=2.0) == Decision(2.0)  # ...the site's word wins


def test_it_gives_up_when_the_outage_would_outlast_max_duration() -> None:
    policy = _answered()
    policy.failure(0.0), policy.failure(0.0)
    now, decision = 0.0, policy.failure(0.0)
    while decision is not None and not decision.give_up:
        now += decision.pause
        decision = policy.failure(now)
    assert decision == Decision(0.0, give_up=True)
    assert 240 <= now <= 300  # 5+10+20+40+60+60+60 = 255 s of pauses, the next would pass 300
    assert policy.failure(0.0, retry_after=1000.0) == Decision(0.0, give_up=True)
