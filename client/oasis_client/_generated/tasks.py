from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import TaskParts


class Tasks(BaseModel):
    tasks: "TasksTasks"


class TasksTasks(BaseModel):
    total_count: Optional[int] = Field(alias="totalCount")
    page_info: "TasksTasksPageInfo" = Field(alias="pageInfo")
    edges: list["TasksTasksEdges"]


class TasksTasksPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class TasksTasksEdges(BaseModel):
    node: "TasksTasksEdgesNode"


TasksTasksEdgesNode = TaskParts
Tasks.model_rebuild()
TasksTasks.model_rebuild()
TasksTasksEdges.model_rebuild()
