"""A regex log search narrowed to the lines holding the pattern's rarest required text finds exactly the
lines the engine's own scan finds (oasis.tasks.log_search with regex_literals)."""

from __future__ import annotations

import random
import time

import pytest

from oasis.tasks import log_search

random.seed(7)
WORDS = ["loss", "Loss", "LOSS", "epoch", "error", "42", "line", "nan", "straße", "İstanbul", "ok", "\t"]
LINES = [
    f"line {i:06d} " + " ".join(random.choice(WORDS) for _ in range(random.randint(0, 6)))
    for i in range(3000)
]
ASCII_TEXT = "\n".join(line for line in LINES if line.isascii())
UNICODE_TEXT = "\n".join(LINES)
PATTERNS = [
    r"line \d{4}42 ",  # B8's shape: "line " everywhere, "42 " rare
    r"error\s+nan",
    r"loss\s*\n?\s*epoch",  # could span lines: a match is of one line
    r"epoch[^\n]*42$",
    r"^line 0001\d\d ok",
    r"42 ok",
    r"nan error",
    r"straße",
]


def _matcher(pattern: str, case_sensitive: bool, literals: bool):
    matcher = log_search._matcher(
        pattern, is_regex=True, case_sensitive=case_sensitive, deadline=time.monotonic() + 60
    )
    if not literals:
        matcher.literals = []
    return matcher


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("case_sensitive", [True, False], ids=["case", "nocase"])
@pytest.mark.parametrize("text", [ASCII_TEXT, UNICODE_TEXT], ids=["ascii", "unicode"])
def test_the_literal_path_finds_the_lines_the_engine_finds(pattern, case_sensitive, text):
    engine = _matcher(pattern, case_sensitive, literals=False).line_starts(text)
    narrowed = _matcher(pattern, case_sensitive, literals=True)
    assert narrowed.literals or (pattern == "straße" and not case_sensitive)
    assert narrowed.line_starts(text) == engine


def test_the_literal_path_is_taken_for_a_rare_literal():
    matcher = _matcher(r"line \d{4}17 ok", case_sensitive=False, literals=True)
    assert matcher.literals == ["line ", "17 ok"]
    assert matcher._lines_with_literal(ASCII_TEXT) is not None
    assert matcher._lines_with_literal(UNICODE_TEXT) is None  # lowering is not the engine's folding
    assert _matcher(r"line \d", case_sensitive=True, literals=True)._lines_with_literal(ASCII_TEXT) is None
