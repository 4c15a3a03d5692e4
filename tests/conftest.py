"""Hypothesis profiles for the fuzz tests (`test_fuzz_*.py`), and a time bound per case.

`make test` runs the "suite" profile: a fixed set of cases (derandomized, so a run on a loaded
machine meets the same inputs as the last green one), no deadline (Hypothesis's deadline reruns a
slow case and fails as flaky when the rerun is fast: wrong on a shared 2-core machine), instead a
generous per-case time bound that only a hang exceeds. `LONGFORM_FUZZ=long` selects the "long"
profile: random cases, twenty times as many (each test multiplies its count by `FUZZ_SCALE`).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Test sites are imported as `tests.sites.<site>` (namespace packages from the repo root), whichever
# way pytest was started: `python -m pytest` puts the working directory on sys.path, `pytest` does not.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LONG = os.environ.get("LONGFORM_FUZZ") == "long"
CASE_SECONDS = 20.0
"""Per-case bound: a case takes milliseconds; only a hang (or a quadratic blow-up) gets here."""

settings.register_profile(
    "suite", deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", deadline=None, derandomize=False, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("long" if LONG else "suite")


class CaseHung(Exception):
    """A fuzz case ran past CASE_SECONDS."""


@contextmanager
def _bounded(seconds: float = CASE_SECONDS) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise CaseHung(f"one case ran longer than {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def time_bound() -> Callable[[], AbstractContextManager[None]]:
    """`with time_bound(): ...` fails the case with CaseHung when it runs past CASE_SECONDS."""
    return _bounded


@pytest.fixture(scope="session")
def fuzz_scale() -> int:
    """Multiplier of the example counts: 20 with LONGFORM_FUZZ=long, else 1."""
    return 20 if LONG else 1
