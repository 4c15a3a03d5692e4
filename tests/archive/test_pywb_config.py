"""pywb's config for our datasets, read back with a YAML parser as pywb reads it."""

from __future__ import annotations

from pathlib import Path

import yaml

from archive.pywb_config import Collection, config_yaml


def test_awkward_paths_and_names_come_back_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "data: 2026" / "Zoë's site" / "warc"
    folder.mkdir(parents=True)
    collection = Collection.of(folder)
    assert collection.name == "Zoë's site"  # the dataset folder, as replay URLs name it
    config = yaml.safe_load(config_yaml([collection, Collection("demo", Path("/d/demo/warc"))]))
    assert config == {
        "collections": {
            "Zoë's site": {"index_paths": f"{folder.resolve()}/index.cdxj",
                           "archive_paths": f"{folder.resolve()}/"},
            "demo": {"index_paths": "/d/demo/warc/index.cdxj", "archive_paths": "/d/demo/warc/"},
        },
        "framed_replay": False,
    }
