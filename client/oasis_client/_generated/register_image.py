from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    ErrorInfo,
    ErrorInfoMessages,
    ImageParts,
    ImagePartsOwner,
)


class RegisterImage(BaseModel):
    register_image: Union[
        "RegisterImageRegisterImageDockerImage",
        "RegisterImageRegisterImageOperationInfo",
    ] = Field(alias="registerImage", discriminator="typename__")


class RegisterImageRegisterImageDockerImage(ImageParts):
    typename__: Literal["DockerImage"] = Field(alias="__typename")


class RegisterImageRegisterImageOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


RegisterImage.model_rebuild()
