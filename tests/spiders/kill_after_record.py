"""Scrapy settings for tests: the project's, plus a last item pipeline that SIGKILLs the crawl
right after the pipelines handled one chosen record (so a kill lands between two records of one
page, which a signal from outside cannot hit on demand).

    SCRAPY_SETTINGS_MODULE=kill_after_record PYTHONPATH=tests/spiders \\
    LONGFORM_TEST_KILL_AFTER=<comment id> longform crawl ...
"""

from __future__ import annotations

import os
import signal
from typing import Any

from scrapers.items import Comment
from spiders import settings as project

KILL_AFTER = "LONGFORM_TEST_KILL_AFTER"

globals().update({name: getattr(project, name) for name in dir(project) if name.isupper()})
ITEM_PIPELINES = {**project.ITEM_PIPELINES, "kill_after_record.KillAfterRecord": 1000}


class KillAfterRecord:
    """SIGKILL this process once the comment whose id is $LONGFORM_TEST_KILL_AFTER went through."""

    def __init__(self) -> None:
        self.comment_id = os.environ.get(KILL_AFTER, "")

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Comment) and item.id == self.comment_id:
            os.kill(os.getpid(), signal.SIGKILL)
        return item
