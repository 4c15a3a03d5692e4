"""`pip install .` installs the product and nothing a user does not run: no test site, no test."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"archive", "pipelines", "scrapers", "spiders"}


def test_the_wheel_holds_the_four_packages_and_the_demo_recording_but_no_test_fixture(
    tmp_path: Path,
) -> None:
    source = _copy_of_the_checkout(tmp_path / "src")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q",
                    "-w", str(tmp_path)], check=True, capture_output=True, timeout=240)
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


def _copy_of_the_checkout(to: Path) -> Path:
    """The checkout as git sees it (tracked and new files, not ignored ones), copied: an in-place
    build would leave build/ behind (and a stale build/lib could slip into the wheel)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        if (ROOT / name).is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, to / name)
    return to
