"""Fault tests: the loopback fault server (`fault_server.py`) is imported by name from here."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
