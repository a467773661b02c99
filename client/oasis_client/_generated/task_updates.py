from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import TaskStatus


class TaskUpdates(BaseModel):
    task_updates: "TaskUpdatesTaskUpdates" = Field(alias="taskUpdates")


class TaskUpdatesTaskUpdates(BaseModel):
    id: str
    status: TaskStatus
    exit_code: Optional[int] = Field(alias="exitCode")
    failure_reason: str = Field(alias="failureReason")
    finished_at: Optional[datetime] = Field(alias="finishedAt")


TaskUpdates.model_rebuild()
