"""The project's settings plus the bench's memory probe (`bench/memory_probe.py`); bench only."""

from spiders.settings import *  # noqa: F403
from spiders.settings import EXTENSIONS

EXTENSIONS = {**EXTENSIONS, "memory_probe.MemoryProbe": 990}
