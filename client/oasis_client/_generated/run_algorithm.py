from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    ErrorInfo,
    ErrorInfoMessages,
    TaskParts,
    TaskPartsAlgorithm,
    TaskPartsInputDataset,
    TaskPartsOutputDataset,
    TaskPartsRerunOf,
    TaskPartsReusedFrom,
    TaskPartsSpec,
)


class RunAlgorithm(BaseModel):
    run_algorithm: Union[
        "RunAlgorithmRunAlgorithmAlgorithmTask", "RunAlgorithmRunAlgorithmOperationInfo"
    ] = Field(alias="runAlgorithm", discriminator="typename__")


class RunAlgorithmRunAlgorithmAlgorithmTask(TaskParts):
    typename__: Literal["AlgorithmTask"] = Field(alias="__typename")


class RunAlgorithmRunAlgorithmOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


RunAlgorithm.model_rebuild()
