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


class RerunTask(BaseModel):
    rerun_task: Union[
        "RerunTaskRerunTaskAlgorithmTask", "RerunTaskRerunTaskOperationInfo"
    ] = Field(alias="rerunTask", discriminator="typename__")


class RerunTaskRerunTaskAlgorithmTask(TaskParts):
    typename__: Literal["AlgorithmTask"] = Field(alias="__typename")


class RerunTaskRerunTaskOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


RerunTask.model_rebuild()
