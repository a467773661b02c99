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


class CreateDataset(BaseModel):
    create_dataset: Union[
        "CreateDatasetCreateDatasetDataset", "CreateDatasetCreateDatasetOperationInfo"
    ] = Field(alias="createDataset", discriminator="typename__")


class CreateDatasetCreateDatasetDataset(DatasetParts):
    typename__: Literal["Dataset"] = Field(alias="__typename")


class CreateDatasetCreateDatasetOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


CreateDataset.model_rebuild()
