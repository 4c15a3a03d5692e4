"""Normalizers for the fields researchers join, count and sort on.

Pure functions; each keeps no state and never raises on bad input (it returns ``[]`` or
``None``). The raw value is stored beside each result (``byline_raw``, ``published_raw``,
``tags_raw``, ``author_raw``) so every normalization can be audited.

>>> from pipelines import normalize
>>> normalize.byline("By BILL ROGGIO and Thomas Joscelyn | October 3, 2023")
['Bill Roggio', 'Thomas Joscelyn']
>>> normalize.date("October 16, 2014")
'2014-10-16'
>>> normalize.tags("Iraq, Syria, iraq")
['Iraq', 'Syria']
>>> normalize.comment_author("Michael Blahm sagt:")
'Michael Blahm'
"""

from __future__ import annotations

from pipelines.normalize.authors import comment_author
from pipelines.normalize.bylines import byline
from pipelines.normalize.dates import date
from pipelines.normalize.tags import tags

__all__ = ["byline", "comment_author", "date", "tags"]
