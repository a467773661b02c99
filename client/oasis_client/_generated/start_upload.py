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


class StartUpload(BaseModel):
    start_upload: Union[
        "StartUploadStartUploadUploadSession", "StartUploadStartUploadOperationInfo"
    ] = Field(alias="startUpload", discriminator="typename__")


class StartUploadStartUploadUploadSession(UploadParts):
    typename__: Literal["UploadSession"] = Field(alias="__typename")


class StartUploadStartUploadOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


StartUpload.model_rebuild()
