from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    AlgorithmParts,
    AlgorithmPartsImage,
    AlgorithmPartsOwner,
    ErrorInfo,
    ErrorInfoMessages,
)


class CreateAlgorithm(BaseModel):
    create_algorithm: Union[
        "CreateAlgorithmCreateAlgorithmAlgorithm",
        "CreateAlgorithmCreateAlgorithmOperationInfo",
    ] = Field(alias="createAlgorithm", discriminator="typename__")


class CreateAlgorithmCreateAlgorithmAlgorithm(AlgorithmParts):
    typename__: Literal["Algorithm"] = Field(alias="__typename")


class CreateAlgorithmCreateAlgorithmOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


CreateAlgorithm.model_rebuild()
