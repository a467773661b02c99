"""An algorithm's command and entrypoint are split like a POSIX shell would split them."""

import pytest

from oasis.algorithms.models import Algorithm


@pytest.mark.parametrize(
    ("text", "argv"),
    [
        ("", None),
        ("   ", None),
        ("python run.py", ["python", "run.py"]),
        ('python -c "print(1 + 1)"', ["python", "-c", "print(1 + 1)"]),
        ("sh -c 'echo $HOME > out.txt'", ["sh", "-c", "echo $HOME > out.txt"]),
        (r"echo a\ b", ["echo", "a b"]),
        ('echo "" x', ["echo", "", "x"]),
        ("  spaced   out  ", ["spaced", "out"]),
        ("echo 'it''s'", ["echo", "its"]),
        ("echo #not-a-comment", ["echo", "#not-a-comment"]),
    ],
)
def test_command_and_entrypoint_argv(text, argv):
    algorithm = Algorithm(command=text, entrypoint=text)
    assert algorithm.command_argv == argv
    assert algorithm.entrypoint_argv == argv


def test_an_empty_command_keeps_the_image_cmd_but_an_entrypoint_can_still_be_set():
    algorithm = Algorithm(command="", entrypoint="/bin/sh -c")
    assert algorithm.command_argv is None
    assert algorithm.entrypoint_argv == ["/bin/sh", "-c"]
