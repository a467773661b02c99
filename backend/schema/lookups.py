"""Filter lookups for user-controlled text, without regular expressions.

strawberry-django's ``StrFilterLookup`` offers ``regex``/``iRegex``. On SQLite Django evaluates them in
Python's ``re`` while holding the GIL, so one catastrophic pattern (``^(a+)+$`` against ``'a'*27+'!'``)
stopped every other request for a minute and a half; PostgreSQL evaluates them without a time limit
either. Every lookup here is a comparison or a LIKE with escaped wildcards: linear in the text.
"""

from __future__ import annotations

import strawberry
from strawberry_django import filter_field
from strawberry_django.fields.filter_types import BaseFilterLookup

_SKIP = "Filter will be skipped on `null` value"


@strawberry.input(description="Text comparisons (no regular expressions: they could hold the server).")
class TextFilterLookup(BaseFilterLookup[str]):
    i_exact: str | None = filter_field(description=f"Case-insensitive exact match. {_SKIP}")
    contains: str | None = filter_field(description=f"Case-sensitive containment test. {_SKIP}")
    i_contains: str | None = filter_field(description=f"Case-insensitive containment test. {_SKIP}")
    starts_with: str | None = filter_field(description=f"Case-sensitive starts-with. {_SKIP}")
    i_starts_with: str | None = filter_field(description=f"Case-insensitive starts-with. {_SKIP}")
    ends_with: str | None = filter_field(description=f"Case-sensitive ends-with. {_SKIP}")
    i_ends_with: str | None = filter_field(description=f"Case-insensitive ends-with. {_SKIP}")
