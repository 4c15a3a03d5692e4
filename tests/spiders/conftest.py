"""Spider tests: the shared resume checks (`resume_checks.py`) are imported by name from here;
a private real redis-server (`tests/redis_server.py`) per test module for the Redis worker tests."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

_spec = importlib.util.spec_from_file_location(
    "redis_server_fixture", Path(__file__).resolve().parents[1] / "redis_server.py")
assert _spec is not None and _spec.loader is not None
redis_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(redis_fixture)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a redis-server of this test module's own, stopped by pid after it."""
    with redis_fixture.redis_server(tmp_path_factory.mktemp("redis")) as server:
        yield server.url


@pytest.fixture(scope="module")
def client(redis_url: str) -> Iterator[Any]:
    """A redis-py connection to the module's redis-server."""
    import redis  # the optional extra `redis`: only the Redis tests need it

    connection = redis.Redis.from_url(redis_url)
    yield connection
    connection.close()
