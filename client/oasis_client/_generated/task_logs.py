from pydantic import Field

from .base_model import BaseModel
from .enums import LogStream


class TaskLogs(BaseModel):
    task_logs: "TaskLogsTaskLogs" = Field(alias="taskLogs")


class TaskLogsTaskLogs(BaseModel):
    from_line: int = Field(alias="fromLine")
    done: bool
    runs: list["TaskLogsTaskLogsRuns"]


class TaskLogsTaskLogsRuns(BaseModel):
    stream: LogStream
    text: str


TaskLogs.model_rebuild()
TaskLogsTaskLogs.model_rebuild()
