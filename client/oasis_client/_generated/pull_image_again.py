from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    ErrorInfo,
    ErrorInfoMessages,
    ImageParts,
    ImagePartsOwner,
)


class PullImageAgain(BaseModel):
    pull_image_again: Union[
        "PullImageAgainPullImageAgainDockerImage",
        "PullImageAgainPullImageAgainOperationInfo",
    ] = Field(alias="pullImageAgain", discriminator="typename__")


class PullImageAgainPullImageAgainDockerImage(ImageParts):
    typename__: Literal["DockerImage"] = Field(alias="__typename")


class PullImageAgainPullImageAgainOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


PullImageAgain.model_rebuild()
