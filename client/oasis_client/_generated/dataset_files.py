from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import FileParts


class DatasetFiles(BaseModel):
    dataset: Optional["DatasetFilesDataset"]


class DatasetFilesDataset(BaseModel):
    id: str
    files: "DatasetFilesDatasetFiles"


class DatasetFilesDatasetFiles(BaseModel):
    page_info: "DatasetFilesDatasetFilesPageInfo" = Field(alias="pageInfo")
    edges: list["DatasetFilesDatasetFilesEdges"]


class DatasetFilesDatasetFilesPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class DatasetFilesDatasetFilesEdges(BaseModel):
    node: "DatasetFilesDatasetFilesEdgesNode"


DatasetFilesDatasetFilesEdgesNode = FileParts
DatasetFiles.model_rebuild()
DatasetFilesDataset.model_rebuild()
DatasetFilesDatasetFiles.model_rebuild()
DatasetFilesDatasetFilesEdges.model_rebuild()
