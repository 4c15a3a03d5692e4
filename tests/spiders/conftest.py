"""Spider tests: the shared resume checks (`resume_checks.py`) are imported by name from here."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
