"""Validating the relative paths of dataset files."""

from __future__ import annotations

import unicodedata

MAX_PATH_LENGTH = 1024


class InvalidPath(ValueError):
    pass


def clean_path(raw: str) -> str:
    """Normalise a relative file path or raise ``InvalidPath`` saying what is wrong with it.

    Relative, forward slashes, no empty, ``.`` or ``..`` segment, no NUL or control characters, at most
    1024 characters. Backslashes are refused rather than guessed at.
    """
    if not raw:
        raise InvalidPath("A file path is empty.")
    if len(raw) > MAX_PATH_LENGTH:
        raise InvalidPath(f"A file path is longer than {MAX_PATH_LENGTH} characters.")
    for ch in raw:
        if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"}:
            raise InvalidPath(f"File path {raw!r} contains a control character.")
    if "\\" in raw:
        raise InvalidPath(f"File path {raw!r} contains a backslash; use '/' between folders.")
    if raw.startswith("/"):
        raise InvalidPath(f"File path {raw!r} must be relative.")
    segments = raw.split("/")
    if segments[-1] == "":
        raise InvalidPath(f"File path {raw!r} names a folder, not a file.")
    for segment in segments:
        if segment in {"", ".", ".."}:
            raise InvalidPath(f"File path {raw!r} has an empty, '.' or '..' segment.")
    return raw
