"""Where replay parts run: in this process, in a pool of worker processes, or on a Dask cluster
(`pipelines.replay_dask`); results come back in part order with a bounded number in flight.

Workers ignore SIGINT: on Ctrl-C the parent (which owns the files and writes whole lines only)
stops, and `close(abort=True)` ends the workers by their pids, so none is left behind.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Protocol, TypeVar

from pipelines.replay_tasks import PartResult, ReplayPart
from pipelines.replay_worker import RestAnswers, install_rest
from pipelines.worker_process import die_with_parent

T = TypeVar("T")
PartFunction = Callable[..., PartResult[Any]]


class WorkerLost(RuntimeError):
    """A worker died and its part cannot be had again (the pool is broken)."""


class Runner(Protocol):
    """Runs part functions somewhere and hands their results back in order."""

    workers: int

    def run(self, fn: PartFunction, parts: Iterable[ReplayPart], *args: Any
            ) -> Iterator[tuple[ReplayPart, PartResult[Any]]]: ...

    def share(self, rest: RestAnswers) -> Any:
        """`rest` as the part functions are to be given it (sent once per worker, not per part)."""

    def close(self, abort: bool = False) -> None: ...


class InProcess:
    """Today's path: every part in this process, one after the other."""

    workers = 1

    def run(self, fn: PartFunction, parts: Iterable[ReplayPart], *args: Any
            ) -> Iterator[tuple[ReplayPart, PartResult[Any]]]:
        for part in parts:
            yield part, fn(part, *args)

    def share(self, rest: RestAnswers) -> Any:
        return rest

    def close(self, abort: bool = False) -> None:
        pass


class ProcessPool:
    """`workers` processes of `concurrent.futures`; at most `2 x workers` parts in flight."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = self._start(None)

    def run(self, fn: PartFunction, parts: Iterable[ReplayPart], *args: Any
            ) -> Iterator[tuple[ReplayPart, PartResult[Any]]]:
        try:
            yield from ordered(lambda part: self._pool.submit(fn, part, *args), parts, 2 * self.workers)
        except BrokenProcessPool as error:
            raise WorkerLost(f"a replay worker process died ({error}); the records before it are "
                             "written, run the replay again to add the rest") from None

    def share(self, rest: RestAnswers) -> Any:
        # New workers get the answers once, through their initializer; parts carry only the token.
        self.close()
        self._pool = self._start(rest)
        return RestAnswers(rest.token, ())

    def close(self, abort: bool = False) -> None:
        if not abort:
            self._pool.shutdown(wait=True)
            return
        processes = list((self._pool._processes or {}).values())  # no public way to stop them
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join()

    def _start(self, rest: RestAnswers | None) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, initializer=_worker_start, initargs=(rest, os.getpid()))


def ordered(submit: Callable[[ReplayPart], Future[T]] | Callable[[ReplayPart], Any],
            parts: Iterable[ReplayPart], window: int) -> Iterator[tuple[ReplayPart, T]]:
    """`submit` each part, at most `window` ahead of the one whose result is handed back next."""
    todo = iter(parts)
    pending = deque((part, submit(part)) for part in islice(todo, window))
    while pending:
        part, future = pending.popleft()
        result = future.result()
        for following in islice(todo, 1):
            pending.append((following, submit(following)))
        yield part, result


def _worker_start(rest: RestAnswers | None, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    die_with_parent(parent)  # a killed replay (SIGKILL, SIGTERM, a timeout) leaves no worker behind
    if rest is not None:
        install_rest(rest)
