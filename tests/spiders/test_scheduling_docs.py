"""The systemd service + timer pair in the README is what systemd itself accepts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _unit(name: str) -> str:
    match = re.search(rf"```\n# /etc/systemd/system/{re.escape(name)}\n(.*?)```", README.read_text(), re.S)
    assert match, f"README has no {name} block"
    return match.group(1)


def test_readme_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed")
    service = _unit("longform-lwj.service")
    assert "SuccessExitStatus=75" in service and "Nice=" in service and "StandardOutput=journal" in service
    # Run as root with a program that exists here; the rest exactly as documented.
    service = service.replace("/opt/longform/.venv/bin/longform", shutil.which("true") or "/bin/true")
    (tmp_path / "longform-lwj.service").write_text(service.replace("User=archive", "User=root"))
    (tmp_path / "longform-lwj.timer").write_text(_unit("longform-lwj.timer"))
    result = subprocess.run(
        ["systemd-analyze", "verify", "longform-lwj.service", "longform-lwj.timer"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0 and "longform-lwj" not in result.stderr, result.stderr
