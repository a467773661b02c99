"""Searching a task's whole stored log: which lines match a text or a bounded regular expression.

Every search reads the stored chunks once, in line order, so it can count all matching lines (the
viewer's "match k of n") and return one page of them. A chunk holds consecutive lines of one stream
(``logs.LogWriter``), so a stream filter skips whole chunks and line numbers stay the log's own.

Plain text is searched with ``str`` operations (linear; a chunk without the text costs one scan).
A regular expression could hold the server (``^(a+)+$``: see ``schema/lookups.py``), so it is compiled
by the ``regex`` module, at most ``MAX_PATTERN_CHARS`` long, and every match call runs with the time
left of the search's budget (``OASIS_LOG_SEARCH_BUDGET_S``) and without holding the GIL; past the
budget the search stops with ``LogSearchError``. A match is of one line: a pattern that could span
lines (``a\\s+b``) is checked again on the line where its match starts. A pattern that requires some
plain text (``line \\d{6}42 `` holds ``42 ``) is first narrowed to the lines holding its rarest such
text, found by ``str`` operations (``regex_literals``).
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

import regex
from django.conf import settings

from .logs import LogLine
from .models import TaskLogChunk
from .regex_literals import required_literals

#: The longest pattern (plain or regular expression) accepted.
MAX_PATTERN_CHARS = 200
#: The most matches one page returns.
MAX_PAGE = 1000
#: Chunks fetched from the database per round trip.
_FETCH = 64


class LogSearchError(ValueError):
    """A search that cannot run (a bad pattern) or ran out of time; the message is for the user."""


@dataclass(frozen=True)
class LogSearchResult:
    #: Matching lines in the whole log (of the stream searched).
    total_count: int
    #: Matching lines before the first one returned: the first is match number ``matches_before + 1``.
    matches_before: int
    #: In line order; matches after the page: ``total_count - matches_before - len(matches)``.
    matches: list[LogLine]


@dataclass
class _Matcher:
    """Finds the offsets (in a chunk's text) of the starts of its matching lines."""

    text: str
    pattern: regex.Pattern | None
    line_pattern: regex.Pattern | None
    case_sensitive: bool
    deadline: float
    #: The previous chunk had a match on more than one line in 8: scan line by line in the engine.
    dense: bool = False
    #: Texts every match holds (lowered for a case-insensitive search; ASCII only then).
    literals: list[str] = field(default_factory=list)

    def line_starts(self, text: str) -> list[int]:
        if self.pattern is not None:
            return self._regex_line_starts(text)
        needle = self.text
        if not self.case_sensitive:
            lowered = text.lower()
            if len(lowered) != len(text):  # "İ" lowers to two characters: offsets would shift
                return _by_line(text, lambda line: needle in line.lower())
            text = lowered
        if needle not in text:
            return []
        if text.count(needle) * 8 > text.count("\n") + 1:
            # Dense: one pass over the lines beats a find per match.
            return _by_line(text, lambda line: needle in line)
        starts, pos = [], 0
        while (found := text.find(needle, pos)) != -1:
            start = text.rfind("\n", 0, found) + 1
            starts.append(start)
            end = text.find("\n", found)
            if end == -1:
                break
            pos = end + 1
        return starts

    def _regex_line_starts(self, text: str) -> list[int]:
        # After a dense chunk the pre-filter would only count its literals and decline again.
        starts = None if self.dense else self._lines_with_literal(text)
        if starts is not None:
            return starts
        starts = self._scan_lines(text) if self.dense else self._scan_matches(text)
        self.dense = len(starts) * 8 > text.count("\n") + 1
        return starts

    def _lines_with_literal(self, text: str) -> list[int] | None:
        """Matching lines found through the rarest text the pattern requires (``regex_literals``):
        the engine runs only on the lines that hold it. None when that would not pay (no literal, or
        one on more than a line in 8) or cannot be done exactly (a case-insensitive search over
        non-ASCII text, where lowering is not the engine's case folding)."""
        if not self.literals:
            return None
        haystack = text
        if not self.case_sensitive:
            if not text.isascii():
                return None
            haystack = text.lower()
        counts = [(haystack.count(literal), literal) for literal in self.literals]
        count, rarest = min(counts)
        if count == 0:
            return []
        if count * 8 > text.count("\n") + 1:
            return None
        starts, pos, size = [], 0, len(text)
        while (found := haystack.find(rarest, pos)) != -1:
            line_start = haystack.rfind("\n", 0, found) + 1
            line_end = haystack.find("\n", found)
            line_end = size if line_end == -1 else line_end
            if self.pattern.search(text, line_start, line_end, timeout=self._left(), concurrent=True):
                starts.append(line_start)
            pos = line_end + 1
        return starts

    def _scan_matches(self, text: str) -> list[int]:
        """The pattern's own scan (its literal prefix found fast), a little Python per match."""
        starts, pos, size = [], 0, len(text)
        line_end = -1  # the end of the line of the last match taken
        while True:
            restart = None
            for found in self.pattern.finditer(text, pos, timeout=self._left(), concurrent=True):
                start = found.start()
                if start > line_end:
                    line_start = text.rfind("\n", 0, start) + 1
                    line_end = text.find("\n", start)
                    line_end = size if line_end == -1 else line_end
                    if found.end() <= line_end:
                        starts.append(line_start)
                        continue
                    if self.pattern.search(text, line_start, line_end, timeout=self._left(), concurrent=True):
                        starts.append(line_start)
                elif found.end() <= line_end:
                    continue  # another match on a line already taken
                # The match ran past its line's end: the lines it ran over are searched again.
                restart = line_end + 1
                break
            if restart is None or restart > size:
                return starts
            pos = restart

    def _scan_lines(self, text: str) -> list[int]:
        # ``line_pattern`` is ``^.*?(?:pattern)``: the engine itself moves from line start to line start
        # and each match starts a matching line, so no Python runs between matches of one scan.
        starts, pos = [], 0
        while True:
            restart = None
            for found in self.line_pattern.finditer(text, pos, timeout=self._left(), concurrent=True):
                start = found.start()
                if text.find("\n", start, found.end()) == -1:
                    starts.append(start)
                    continue
                # The match ran past its line's end: the line may hold one of its own, or none; the
                # lines it ran over are searched again.
                end = text.find("\n", start)
                if self.pattern.search(text, start, end, timeout=self._left(), concurrent=True):
                    starts.append(start)
                restart = end + 1
                break
            if restart is None:
                return starts
            pos = restart

    def _left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left


def _by_line(text: str, matches) -> list[int]:
    starts, offset = [], 0
    for line in text.split("\n"):
        if matches(line):
            starts.append(offset)
        offset += len(line) + 1
    return starts


def _matcher(query: str, *, is_regex: bool, case_sensitive: bool, deadline: float) -> _Matcher:
    if not query:
        raise LogSearchError("Search for at least one character.")
    if len(query) > MAX_PATTERN_CHARS:
        raise LogSearchError(f"A search is at most {MAX_PATTERN_CHARS} characters.")
    if "\n" in query:
        raise LogSearchError("A search matches within one line: it cannot hold a newline.")
    if not is_regex:
        return _Matcher(query if case_sensitive else query.lower(), None, None, case_sensitive, deadline)
    flags = regex.MULTILINE | regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
    try:
        pattern = regex.compile(query, flags)
        # Compiled alone first, so a query such as ``a)|(b`` is refused rather than spliced in.
        line_pattern = regex.compile(f"^.*?(?:{query})", flags)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise LogSearchError(f"Not a valid regular expression: {exc}") from None
    literals = required_literals(query)
    if not case_sensitive:
        literals = [literal.lower() for literal in literals if literal.isascii()]
    return _Matcher(query, pattern, line_pattern, case_sensitive, deadline, literals=literals)


def search_log(
    task_id: int,
    query: str,
    *,
    is_regex: bool = False,
    case_sensitive: bool = False,
    stream: str | None = None,
    first: int = 100,
    after: int | None = None,
    before: int | None = None,
) -> LogSearchResult:
    """Lines of a task's stored log that match ``query``, counted over the whole log, one page returned.

    The page is the first ``first`` matching lines after line ``after`` (from the start when None), or
    with ``before``, the last ``first`` matching lines before that line. ``stream`` limits the search
    to one stream (stdout, stderr, system). Raises ``LogSearchError`` for a bad pattern, or when the
    search outlasts ``OASIS_LOG_SEARCH_BUDGET_S``.
    """
    budget = settings.OASIS_LOG_SEARCH_BUDGET_S
    deadline = time.monotonic() + budget
    matcher = _matcher(query, is_regex=is_regex, case_sensitive=case_sensitive, deadline=deadline)
    first = max(1, min(first, MAX_PAGE))
    chunks = TaskLogChunk.objects.filter(task_id=task_id)
    if stream is not None:
        chunks = chunks.filter(stream=stream)
    rows = chunks.order_by("first_line").values_list("first_line", "line_count", "stream", "text")

    total = matches_before = 0
    page: deque[LogLine] = deque(maxlen=first)
    try:
        for first_line, line_count, chunk_stream, text in rows.iterator(chunk_size=_FETCH):
            if time.monotonic() > deadline:
                raise TimeoutError
            starts = matcher.line_starts(text)
            if not starts:
                continue
            total += len(starts)
            last_line = first_line + line_count - 1
            if before is None:
                if after is not None and last_line <= after:
                    matches_before += len(starts)
                    continue
                if len(page) == first:
                    continue
            elif first_line >= before:
                continue
            elif last_line < before and len(starts) > first:
                # Only the chunk's last ``first`` matches can stay on the page.
                matches_before += len(starts) - first
                starts = starts[-first:]
            index, offset = first_line, 0
            for start in starts:
                index += text.count("\n", offset, start)
                offset = start
                if before is not None:
                    if index >= before:
                        break
                    if len(page) == first:
                        matches_before += 1  # pushed out of the page by this one
                elif after is not None and index <= after:
                    matches_before += 1
                    continue
                elif len(page) == first:
                    break
                end = text.find("\n", start)
                page.append(LogLine(index, chunk_stream, text[start:] if end == -1 else text[start:end]))
    except TimeoutError:
        raise LogSearchError(
            f"The search took longer than {budget:g} s and was stopped; try a simpler pattern."
        ) from None
    return LogSearchResult(total, matches_before, list(page))
