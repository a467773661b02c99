"""The client's own logic without a server: ids, folders to upload, one-line errors."""

from __future__ import annotations

import pytest

from oasis_client.client import global_id, number
from oasis_client.errors import OasisError, Refused
from oasis_client.uploads import local_files


def test_numbers_and_relay_ids():
    relay = global_id("AlgorithmTask", "12")
    assert relay == "QWxnb3JpdGhtVGFzazoxMg=="
    assert global_id("AlgorithmTask", relay) == relay
    assert number(relay) == "12"
    assert number("not-base64!") == "not-base64!"


def test_folders_keep_relative_paths(tmp_path):
    (tmp_path / "scans" / "sub").mkdir(parents=True)
    (tmp_path / "scans" / "a.txt").write_text("a")
    (tmp_path / "scans" / "sub" / "b.txt").write_text("b")
    (tmp_path / "c.txt").write_text("c")
    found = local_files([tmp_path / "scans", tmp_path / "c.txt"])
    assert [name for name, _ in found] == ["a.txt", "sub/b.txt", "c.txt"]


def test_clashing_names_and_missing_paths_are_clear(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "c.txt").write_text("1")
    (tmp_path / "c.txt").write_text("2")
    with pytest.raises(OasisError, match=r"would both be 'c\.txt'"):
        local_files([tmp_path / "one", tmp_path / "c.txt"])
    with pytest.raises(OasisError, match="no such file or folder"):
        local_files([tmp_path / "nope"])


def test_refusals_read_field_by_field():
    assert str(Refused([("memoryMb", "too much"), (None, "and this")])) == "memoryMb: too much; and this"
