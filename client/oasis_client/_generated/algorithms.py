from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import AlgorithmParts


class Algorithms(BaseModel):
    algorithms: "AlgorithmsAlgorithms"


class AlgorithmsAlgorithms(BaseModel):
    total_count: Optional[int] = Field(alias="totalCount")
    page_info: "AlgorithmsAlgorithmsPageInfo" = Field(alias="pageInfo")
    edges: list["AlgorithmsAlgorithmsEdges"]


class AlgorithmsAlgorithmsPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class AlgorithmsAlgorithmsEdges(BaseModel):
    node: "AlgorithmsAlgorithmsEdgesNode"


AlgorithmsAlgorithmsEdgesNode = AlgorithmParts
Algorithms.model_rebuild()
AlgorithmsAlgorithms.model_rebuild()
AlgorithmsAlgorithmsEdges.model_rebuild()
