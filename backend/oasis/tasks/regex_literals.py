"""The plain texts a regular expression's every match must contain, for a search to look for first.

``line \\d{6}42 `` can only match a line that holds ``line `` and ``42 ``: a log search finds the
rarer of the two with ``str.find`` (far faster than the regex engine stepping through every line) and
runs the engine only on the lines that hold it, as grep and ripgrep do. The scan here is deliberately
conservative: it reads the pattern's top level only (groups and classes end a run of literals, they
are not looked into), gives up on a top-level alternation (``a|b`` requires neither) and on inline
flags (``(?x)`` changes what a space means), and drops a character a quantifier makes optional. A
literal it returns is always required; a pattern it cannot read gets none, and is searched as before.
"""

from __future__ import annotations

import re
import string

#: ``{m}``, ``{m,}``, ``{m,n}``, ``{,n}`` as a quantifier (anything else after ``{`` is a literal brace).
_QUANTIFIER = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_SPECIAL = set(".^$")


def required_literals(pattern: str) -> list[str]:
    """The runs of plain characters (at least 2 long) that every match of ``pattern`` contains."""
    if "(?" in pattern:
        return []
    runs: list[str] = []
    run: list[str] = []

    def end_run() -> None:
        if len(run) >= 2:
            runs.append("".join(run))
        run.clear()

    at, size = 0, len(pattern)
    while at < size:
        char = pattern[at]
        if char == "|":
            return []
        if char in "*+?{":
            quantifier = _QUANTIFIER.match(pattern, at) if char == "{" else None
            if char == "{" and quantifier is None:  # a literal brace
                run.append(char)
                at += 1
                continue
            at = quantifier.end() if quantifier else at + 1
            optional = char in "*?" or (quantifier is not None and int(quantifier.group(1) or 0) == 0)
            if optional and run:
                run.pop()  # the character before it may be absent
            end_run()  # repeated or optional: what follows is not next to what came before
            while at < size and pattern[at] in "?+":  # lazy or possessive
                at += 1
            continue
        if char == "\\":
            if at + 1 >= size:
                return []
            escaped = pattern[at + 1]
            at += 2
            if escaped.isalnum() or escaped == "_":  # \d, \b, \1, \x41, \p{L}, ...: not plain
                end_run()
                at = _escape_end(pattern, at, escaped)
                if at is None:
                    return []
            else:
                run.append(escaped)
            continue
        if char in "([":
            end = _group_end(pattern, at) if char == "(" else _class_end(pattern, at)
            if end is None:
                return []
            end_run()
            at = end
            continue
        if char == ")":
            return []
        if char in _SPECIAL:
            end_run()
        else:
            run.append(char)
        at += 1
    end_run()
    return runs


def _escape_end(pattern: str, at: int, escaped: str) -> int | None:
    """The index after the arguments of the escape ``\\<escaped>`` that ends just before ``at``."""
    size = len(pattern)
    if escaped in "pPNxuU" and at < size and pattern[at] == "{":
        close = pattern.find("}", at)
        return None if close == -1 else close + 1
    if escaped in "xuU":
        while at < size and pattern[at] in string.hexdigits:
            at += 1
    elif escaped.isdigit():  # octal or a back reference
        while at < size and pattern[at].isdigit():
            at += 1
    elif escaped in "pP" and at < size:  # \pL
        at += 1
    return at


def _class_end(pattern: str, at: int) -> int | None:
    """The index after the ``]`` closing the class that opens at ``at``."""
    at += 1
    if at < len(pattern) and pattern[at] == "^":
        at += 1
    if at < len(pattern) and pattern[at] == "]":  # a leading ] is a member
        at += 1
    while at < len(pattern):
        if pattern[at] == "\\":
            at += 2
            continue
        if pattern[at] == "[":  # nested sets (the regex module's): not read
            return None
        if pattern[at] == "]":
            return at + 1
        at += 1
    return None


def _group_end(pattern: str, at: int) -> int | None:
    """The index after the ``)`` closing the group that opens at ``at``."""
    depth = 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            end = _class_end(pattern, at)
            if end is None:
                return None
            at = end
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    return None
