from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    DatasetParts,
    DatasetPartsOwner,
    DatasetPartsProducedBy,
    ErrorInfo,
    ErrorInfoMessages,
)


class AddDatasetFiles(BaseModel):
    add_dataset_files: Union[
        "AddDatasetFilesAddDatasetFilesDataset",
        "AddDatasetFilesAddDatasetFilesOperationInfo",
    ] = Field(alias="addDatasetFiles", discriminator="typename__")


class AddDatasetFilesAddDatasetFilesDataset(DatasetParts):
    typename__: Literal["Dataset"] = Field(alias="__typename")


class AddDatasetFilesAddDatasetFilesOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


AddDatasetFiles.model_rebuild()
