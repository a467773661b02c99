from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import LogStream, TaskStatus


class LogLines(BaseModel):
    task: Optional["LogLinesTask"]


class LogLinesTask(BaseModel):
    id: str
    status: TaskStatus
    log_line_count: int = Field(alias="logLineCount")
    log_lines: list["LogLinesTaskLogLines"] = Field(alias="logLines")


class LogLinesTaskLogLines(BaseModel):
    index: int
    stream: LogStream
    text: str


LogLines.model_rebuild()
LogLinesTask.model_rebuild()
