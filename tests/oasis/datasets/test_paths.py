"""The relative paths of dataset files."""

import pytest

from oasis.datasets.paths import MAX_PATH_LENGTH, InvalidPath, clean_path, folders_of


@pytest.mark.parametrize(
    "path",
    [
        "a.txt",
        "images/2024/scan 01.png",
        "deep/" * 100 + "file",
        ".hidden",
        "a/.hidden/b",
        "...",
        "a..b/c..d",
        "ünïcødé/文件.txt",
        "emoji/🚀.bin",
        "x" * MAX_PATH_LENGTH,
        "spaces in names/ok ",
        "C:/looks-like-a-drive",
    ],
)
def test_valid_paths_are_kept(path):
    assert clean_path(path) == path


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("", "is empty"),
        ("/etc/passwd", "must be relative"),
        ("/", "must be relative"),
        ("../secret", "'..' segment"),
        ("a/../../b", "'..' segment"),
        ("a/..", "'..' segment"),
        ("..", "'..' segment"),
        ("./a", "'.' or '..' segment"),
        ("a/./b", "'.' or '..' segment"),
        ("a//b", "empty"),
        ("a/", "names a folder"),
        ("a\\b", "backslash"),
        ("..\\..\\windows", "backslash"),
        ("a\x00b", "control character"),
        ("a\nb", "control character"),
        ("a\tb", "control character"),
        ("a\rb", "control character"),
        ("bell\x07", "control character"),
        ("del\x7f", "control character"),
        ("c1\x85", "control character"),
        ("evil\u202etxt.exe", "control character"),  # right-to-left override
        ("zero\u200bwidth", "control character"),
        ("line\u2028sep", "control character"),
        ("x" * (MAX_PATH_LENGTH + 1), f"longer than {MAX_PATH_LENGTH}"),
    ],
)
def test_invalid_paths_say_what_is_wrong(path, text):
    with pytest.raises(InvalidPath) as excinfo:
        clean_path(path)
    assert text in str(excinfo.value)


def test_a_path_is_put_in_nfc_so_lookalikes_are_one_path():
    composed, decomposed = "caf\u00e9.txt", "cafe\u0301.txt"
    assert composed != decomposed
    assert clean_path(decomposed) == clean_path(composed) == composed


def test_the_length_limit_counts_characters_not_bytes():
    assert clean_path("é" * MAX_PATH_LENGTH) == "é" * MAX_PATH_LENGTH


def test_folders_of():
    assert folders_of("a.txt") == []
    assert folders_of("a/b/c.txt") == ["a", "a/b"]
