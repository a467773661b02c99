"""The tar streams into and out of a container, checked without an engine."""

from __future__ import annotations

import io
import tarfile

import pytest

from runners.archives import input_archive, pass_outputs
from runners.exceptions import RunnerError
from tests.runners.fakes import Recorder, memory_input


def read_archive(chunks) -> dict[str, tarfile.TarInfo]:
    data = b"".join(chunks)
    assert len(data) % 512 == 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
        return {member.name: member for member in archive.getmembers()}


def test_the_input_archive_layout_modes_and_owners():
    members = read_archive(
        input_archive(
            "/oasis",
            [memory_input("a.txt", b"alpha"), memory_input("x/y/b.bin", b"\0" * 1000)],
            output_owner=(1000, 1001),
        )
    )

    layout = {name: (m.type, oct(m.mode), m.uid, m.gid, m.size) for name, m in members.items()}
    assert layout == {
        "oasis": (tarfile.DIRTYPE, "0o755", 0, 0, 0),
        "oasis/input": (tarfile.DIRTYPE, "0o555", 0, 0, 0),
        "oasis/input/a.txt": (tarfile.REGTYPE, "0o444", 0, 0, 5),
        "oasis/input/x": (tarfile.DIRTYPE, "0o555", 0, 0, 0),
        "oasis/input/x/y": (tarfile.DIRTYPE, "0o555", 0, 0, 0),
        "oasis/input/x/y/b.bin": (tarfile.REGTYPE, "0o444", 0, 0, 1000),
        "oasis/output": (tarfile.DIRTYPE, "0o755", 1000, 1001, 0),
    }


@pytest.mark.parametrize("path", ["", ".", "/etc/passwd", "../up", "a/../../up"])
def test_input_paths_must_stay_inside_input(path):
    with pytest.raises(ValueError, match="must be relative"):
        list(input_archive("/oasis", [memory_input(path, b"x")], output_owner=(1000, 1000)))


def test_an_input_path_twice_is_refused():
    with pytest.raises(ValueError, match="appears twice"):
        list(input_archive("/w", [memory_input("a", b"1"), memory_input("a", b"2")], output_owner=(1, 1)))


def test_an_input_longer_than_announced_is_refused():
    from runners.base import InputFile

    long = InputFile(path="a", size=2, open=lambda: io.BytesIO(b"abc"))
    with pytest.raises(RunnerError, match="longer"):
        list(input_archive("/w", [long], output_owner=(1, 1)))


def output_tar(entries) -> io.BytesIO:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, kind, data, linkname in entries:
            info = tarfile.TarInfo(name)
            info.type, info.size, info.linkname = kind, len(data), linkname
            archive.addfile(info, io.BytesIO(data))
    buffer.seek(0)
    return buffer


def test_only_regular_files_inside_output_come_out():
    stream = output_tar(
        [
            ("output", tarfile.DIRTYPE, b"", ""),
            ("output/ok.txt", tarfile.REGTYPE, b"fine", ""),
            ("output/sub", tarfile.DIRTYPE, b"", ""),
            ("output/sub/deep.txt", tarfile.REGTYPE, b"deep", ""),
            ("output/../escape.txt", tarfile.REGTYPE, b"no", ""),
            ("/etc/cron.d/evil", tarfile.REGTYPE, b"no", ""),
            ("elsewhere/file", tarfile.REGTYPE, b"no", ""),
            ("output/link", tarfile.SYMTYPE, b"", "/etc/shadow"),
            ("output/hard", tarfile.LNKTYPE, b"", "output/ok.txt"),
            ("output/dev", tarfile.CHRTYPE, b"", ""),
            ("output/pipe", tarfile.FIFOTYPE, b"", ""),
            ("output/bad-\udcff-name", tarfile.REGTYPE, b"no", ""),
        ]
    )
    recorder = Recorder()

    pass_outputs(stream, recorder.callbacks)

    assert recorder.outputs.files == {"ok.txt": b"fine", "sub/deep.txt": b"deep"}
    assert recorder.logs.notes == [
        "Skipped output ../escape.txt: outside the output directory",
        "Skipped output /etc/cron.d/evil: outside the output directory",
        "Skipped output elsewhere/file: outside the output directory",
        "Skipped output link: symbolic link (to /etc/shadow)",
        "Skipped output hard: hard link (the file is collected under its other name)",
        "Skipped output dev: device file",
        "Skipped output pipe: named pipe",
        "Skipped output bad-\\xff-name: the name is not valid UTF-8",
    ]
