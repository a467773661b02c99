from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    ErrorInfo,
    ErrorInfoMessages,
    UploadParts,
    UploadPartsDataset,
    UploadPartsReceivedParts,
)


class CompleteUpload(BaseModel):
    complete_upload: Union[
        "CompleteUploadCompleteUploadUploadSession",
        "CompleteUploadCompleteUploadOperationInfo",
    ] = Field(alias="completeUpload", discriminator="typename__")


class CompleteUploadCompleteUploadUploadSession(UploadParts):
    typename__: Literal["UploadSession"] = Field(alias="__typename")


class CompleteUploadCompleteUploadOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


CompleteUpload.model_rebuild()
