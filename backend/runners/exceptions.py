"""Errors a runner raises.

The task pipeline turns ``UserError`` into the task's failure reason and ``RetryableError`` into a
failure that says the infrastructure was at fault ("container engine unreachable: ..."); the task is
not tried again by itself (a user re-runs it: ``rerunTask``). Anything else surfaces as a bug, after the
task has been moved out of RUNNING.
"""


class RunnerError(Exception):
    """Base class of every error a runner raises on purpose."""


class UserError(RunnerError):
    """The task cannot succeed as defined: the message is shown to the user as the failure reason."""


class ImageNotFound(UserError):
    """The image reference does not exist or could not be pulled."""


class InvalidImageTarball(UserError):
    """The uploaded image tarball is not a loadable ``docker save`` archive."""


class RetryableError(RunnerError):
    """A transient failure (engine unreachable, network blip): not the algorithm's fault. The task
    fails saying so; image pulls at registration are retried (``oasis.images.tasks``)."""


class EngineUnavailable(RetryableError):
    """The container engine cannot be reached."""


class OutputRefused(RunnerError):
    """The output sink will not take one file (a bad or clashing name): the runner skips that file
    with a note in the log and goes on with the others."""


class OutputLimitExceeded(UserError):
    """The outputs pass a limit of the installation (bytes, files): the task fails, keeping none."""


class Abandoned(Exception):
    """Raised by a callback: the job belongs to someone else now (e.g. the task's lease was lost).

    The runner lets go at once and leaves the container alone for its new owner.
    """
