"""What the tasks list's text search matches: the words a user sees on a task's row."""

from __future__ import annotations

from django.db.models import Q

#: Longer search text is cut: a LIKE over a few columns stays cheap whatever is typed.
MAX_SEARCH_CHARS = 200


def search_q(text: str, *, prefix: str = "") -> Q:
    """Tasks matching ``text``: its number (``12`` or ``#12``), or the text inside the recorded algorithm
    or image name, the input dataset's name or the failure reason (case-insensitive). Blank matches all.

    Names come from the run spec so a task still matches the algorithm it ran after a rename or delete.
    """
    text = text.strip()[:MAX_SEARCH_CHARS]
    if not text:
        return Q()
    q = (
        Q(**{f"{prefix}spec__algorithm_name__icontains": text})
        | Q(**{f"{prefix}spec__image_name__icontains": text})
        | Q(**{f"{prefix}input_dataset__name__icontains": text})
        | Q(**{f"{prefix}failure_reason__icontains": text})
    )
    number = text.removeprefix("#").strip()
    if number.isascii() and number.isdigit() and len(number) < 19:  # within a bigint
        q |= Q(**{f"{prefix}pk": int(number)})
    return q
