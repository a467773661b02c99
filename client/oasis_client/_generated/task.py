from typing import Optional

from .base_model import BaseModel
from .fragments import TaskParts


class Task(BaseModel):
    task: Optional["TaskTask"]


TaskTask = TaskParts
Task.model_rebuild()
