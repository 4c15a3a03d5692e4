"""Child processes that never outlive the process that started them.

A pool worker (the crawl's extraction workers, the replay's part workers) or a helper server
(pywb) left behind by a parent killed with SIGKILL or SIGTERM would run on with nobody reading its
results, holding memory and, for a server, its port. On Linux the kernel sends the child a signal
when its parent dies (PR_SET_PDEATHSIG); elsewhere a child is left to its parent's clean stop.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, sig: int = signal.SIGKILL) -> None:
    """Have the kernel send `sig` to this process when `parent` dies, however it dies; exit at
    once when `parent` is already gone (it died while this process started: no signal will come).

    Call it first thing in the child: a pool's initializer, or `preexec_fn` before an exec."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, sig)
    if os.getppid() != parent:
        os._exit(0)
