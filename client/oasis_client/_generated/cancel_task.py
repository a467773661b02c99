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


class CancelTask(BaseModel):
    cancel_task: Union[
        "CancelTaskCancelTaskAlgorithmTask", "CancelTaskCancelTaskOperationInfo"
    ] = Field(alias="cancelTask", discriminator="typename__")


class CancelTaskCancelTaskAlgorithmTask(TaskParts):
    typename__: Literal["AlgorithmTask"] = Field(alias="__typename")


class CancelTaskCancelTaskOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


CancelTask.model_rebuild()
