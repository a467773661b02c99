"""The plain texts every match of a regular expression holds (oasis.tasks.regex_literals)."""

from __future__ import annotations

import pytest
import regex

from oasis.tasks.regex_literals import required_literals

CASES = [
    (r"line \d{6}42 ", ["line ", "42 "]),
    ("error", ["error"]),
    (r"ab+c", ["ab"]),
    (r"xab?cd", ["xa", "cd"]),  # b may be absent
    (r"abc*?de", ["ab", "de"]),
    (r"abc{0,3}de", ["ab", "de"]),
    (r"abc{2}de", ["abc", "de"]),
    (r"a\.b\-c", ["a.b-c"]),
    (r"^start$", ["start"]),
    (r"fo(o|a)bar", ["fo", "bar"]),
    (r"[ab]cd[ef]gh", ["cd", "gh"]),
    (r"[]x]yz", ["yz"]),
    (r"\x41bc de", [" de"]),  # \x41bc: the escape's hex digits are not literals
    (r"\u0041 after", [" after"]),
    (r"\p{L}+ word", [" word"]),
    (r"\pL word", [" word"]),
    (r"(a)\1 end", [" end"]),
    (r"ab{x}cd", ["ab{x}cd"]),  # not a quantifier: braces are plain
    (r"a|bcd", []),  # an alternation requires neither side
    (r"(?i)abc", []),  # inline flags: not read
    (r"(?x) a b c", []),
    (r"a", []),  # one character: not worth a search
    (r"ab)", []),  # not a pattern; compiling it says why
    (r"ab[cd", []),
]


@pytest.mark.parametrize(("pattern", "expected"), CASES, ids=[c[0] for c in CASES])
def test_required_literals(pattern, expected):
    assert required_literals(pattern) == expected


@pytest.mark.parametrize("pattern", [c[0] for c in CASES if c[1]], ids=[c[0] for c in CASES if c[1]])
def test_every_match_holds_every_literal(pattern):
    """Checked against the engine: strings built to match hold each literal returned."""
    compiled = regex.compile(pattern, regex.VERSION0)
    samples = [
        "line 12345642 x",
        "error",
        "abbbc",
        "xacd",
        "xabcd",
        "abde",
        "abccde",
        "abcccde",
        "a.b-c",
        "start",
        "foobar",
        "foabar",
        "acdegh",
        "]yz",
        "Abc de",
        "A after",
        "word word",
        "aa end",
        "ab{x}cd",
    ]
    matched = [sample for sample in samples if compiled.search(sample)]
    assert matched, "no sample matches: the check would prove nothing"
    for sample in matched:
        assert all(literal in sample for literal in required_literals(pattern)), sample
