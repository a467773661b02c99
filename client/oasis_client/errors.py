"""What the client raises: one clear line for a person, and an exit code for the `oasis` command."""

from __future__ import annotations

#: Exit codes of the `oasis` command (a task's own exit code is passed through when it has one).
EXIT_OK = 0
EXIT_USAGE = 2
#: The server refused the request (bad input, not found, not allowed): its messages are printed.
EXIT_REFUSED = 65
#: The server or a task's infrastructure failed (unreachable, image, engine, timeout, lost worker).
EXIT_UNAVAILABLE = 69
#: Not signed in, or the token is not valid.
EXIT_AUTH = 77
#: The task was cancelled.
EXIT_CANCELLED = 130


class OasisError(Exception):
    """An error a person can act on; ``str()`` is one line."""

    exit_code = EXIT_REFUSED


class Refused(OasisError):
    """The server answered with ``OperationInfo`` messages (field by field) or GraphQL errors."""

    def __init__(self, messages: list[tuple[str | None, str]]):
        self.messages = messages
        super().__init__("; ".join(f"{field}: {text}" if field else text for field, text in messages))


class NotSignedIn(OasisError):
    exit_code = EXIT_AUTH


class Unavailable(OasisError):
    exit_code = EXIT_UNAVAILABLE
