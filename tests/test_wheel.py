"""`pip install .` installs the product and nothing a user does not run: no test site, no test."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"archive", "pipelines", "scrapers", "spiders"}


def test_the_wheel_holds_the_four_packages_and_the_demo_recording_but_no_test_fixture(
    tmp_path: Path,
) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                   check=True, capture_output=True, timeout=240)
    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == PACKAGES
    fixtures = [name for name in names if "sample_site" in name or "/tests/" in name
                or Path(name).name.startswith(("test_", "conftest"))]
    assert fixtures == []
    # What the product itself runs is there: the demo's recording, the bundled profiles, the CLI.
    assert "spiders/recorded_site/data/wordpress-demo.warc.gz" in names
    assert any(name.startswith("spiders/sites/") and name.endswith(".toml") for name in names)
    assert "spiders/cli/__main__.py" in names
