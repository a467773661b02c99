from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import DatasetParts


class Datasets(BaseModel):
    datasets: "DatasetsDatasets"


class DatasetsDatasets(BaseModel):
    total_count: Optional[int] = Field(alias="totalCount")
    page_info: "DatasetsDatasetsPageInfo" = Field(alias="pageInfo")
    edges: list["DatasetsDatasetsEdges"]


class DatasetsDatasetsPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class DatasetsDatasetsEdges(BaseModel):
    node: "DatasetsDatasetsEdgesNode"


DatasetsDatasetsEdgesNode = DatasetParts
Datasets.model_rebuild()
DatasetsDatasets.model_rebuild()
DatasetsDatasetsEdges.model_rebuild()
