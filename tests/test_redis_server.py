"""The private redis-server of the tests and benches runs the fsync policy it is given."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis

from tests.redis_server import redis_server


@pytest.mark.parametrize("policy", ["always", "everysec"])
def test_the_server_fsyncs_its_append_only_file_as_asked(tmp_path: Path, policy: str) -> None:
    with redis_server(tmp_path / "redis", policy) as server:
        client = redis.Redis.from_url(server.url)
        try:
            assert client.config_get("appendonly") == {"appendonly": "yes"}
            assert client.config_get("appendfsync") == {"appendfsync": policy}
        finally:
            client.close()
