"""Validating the relative paths of dataset files."""

from __future__ import annotations

import unicodedata

MAX_PATH_LENGTH = 1024


class InvalidPath(ValueError):
    pass


def clean_path(raw: str) -> str:
    """Normalise a relative file path or raise ``InvalidPath`` saying what is wrong with it.

    Relative, forward slashes, no empty, ``.`` or ``..`` segment, no NUL or control characters, at most
    1024 characters. Backslashes are refused rather than guessed at. The path is put in Unicode NFC, so
    "é" typed on macOS (decomposed) and elsewhere (composed) is one path, not two that look the same.
    """
    if not isinstance(raw, str) or not raw:
        raise InvalidPath("A file path is empty.")
    raw = unicodedata.normalize("NFC", raw)
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


def folders_of(path: str) -> list[str]:
    """The folders a path lies in: ``a/b/c.txt`` -> ``["a", "a/b"]``."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
