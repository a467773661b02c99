"""OASIS's Python client: ``Client(url, token)`` and the ``oasis`` command (``oasis_client.cli``)."""

from .client import Client, LogLine, Task
from .errors import NotSignedIn, OasisError, Refused, Unavailable

__all__ = ["Client", "LogLine", "NotSignedIn", "OasisError", "Refused", "Task", "Unavailable"]
