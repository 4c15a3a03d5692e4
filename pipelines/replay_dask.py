"""Replay parts on a `dask.distributed` cluster: the same part functions as the process pool,
submitted to the scheduler; results come back in part order (`replay_pool.ordered`).

The workers read the WARC files themselves, by the path the parent gives: the files must be on a
path every worker sees (a shared or replicated folder). A worker lost mid-replay is the
scheduler's business: it runs the part again elsewhere (the part functions are pure), and the
result is the same. Imported only for `--dask`: dask and distributed are an optional extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pipelines.replay_pool import PartFunction, WorkerLost, ordered
from pipelines.replay_tasks import PartResult, ReplayPart
from pipelines.replay_worker import RestAnswers

CONNECT_TIMEOUT = "5s"  # a scheduler that is there answers in milliseconds


class ClusterUnreachable(ValueError):
    """No scheduler answers at the address, or dask is not installed."""


class DaskCluster:
    """A client of the scheduler at `address`; at most `2 x workers' threads` parts in flight."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ClusterUnreachable("--dask needs dask and distributed: "
                                     "pip install 'longform-archiver[dask]'") from None
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, ValueError, TypeError) as error:  # refused, timed out, not an address
            raise ClusterUnreachable(f"no Dask scheduler answers at {address!r} ({error}); "
                                     "give --dask tcp://HOST:PORT of a running scheduler") from None
        threads = sum(self.client.nthreads().values())
        self.workers = max(threads, 1)

    def run(self, fn: PartFunction, parts: Iterable[ReplayPart], *args: Any
            ) -> Iterator[tuple[ReplayPart, PartResult[Any]]]:
        from distributed.scheduler import KilledWorker

        def submit(part: ReplayPart) -> Any:
            return self.client.submit(fn, part, *args, pure=False)

        try:
            yield from ordered(submit, parts, 2 * self.workers)
        except KilledWorker as error:
            raise WorkerLost(f"Dask gave up on a part: the workers running it died ({error})") from None

    def share(self, rest: RestAnswers) -> Any:
        # Sent to every worker once; each part names it (a future the worker resolves locally).
        return self.client.scatter(rest, broadcast=True)

    def close(self, abort: bool = False) -> None:
        self.client.close()
