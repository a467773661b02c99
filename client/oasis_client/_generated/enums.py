from enum import Enum


class CancelOutcomeCode(str, Enum):
    CANCELLED = "CANCELLED"
    FINISHED = "FINISHED"
    NOT_FOUND = "NOT_FOUND"
    INVALID_ID = "INVALID_ID"


class ImageSource(str, Enum):
    REFERENCE = "REFERENCE"
    FILE = "FILE"
    LOCAL = "LOCAL"


class ImageStatus(str, Enum):
    PENDING = "PENDING"
    READY = "READY"
    FAILED = "FAILED"


class LogStream(str, Enum):
    STDOUT = "STDOUT"
    STDERR = "STDERR"
    SYSTEM = "SYSTEM"


class OperationMessageKind(str, Enum):
    INFO = "INFO"
    WARNING = "WARNING"
    ERROR = "ERROR"
    PERMISSION = "PERMISSION"
    VALIDATION = "VALIDATION"


class Ordering(str, Enum):
    ASC = "ASC"
    ASC_NULLS_FIRST = "ASC_NULLS_FIRST"
    ASC_NULLS_LAST = "ASC_NULLS_LAST"
    DESC = "DESC"
    DESC_NULLS_FIRST = "DESC_NULLS_FIRST"
    DESC_NULLS_LAST = "DESC_NULLS_LAST"


class TaskStatus(str, Enum):
    CREATED = "CREATED"
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"


class UploadStatus(str, Enum):
    OPEN = "OPEN"
    VERIFYING = "VERIFYING"
    COMPLETE = "COMPLETE"
    FAILED = "FAILED"
