from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    ErrorInfo,
    ErrorInfoMessages,  # noqa: F401
)


class CreateApiToken(BaseModel):
    create_api_token: Union[
        "CreateApiTokenCreateApiTokenApiTokenCreated",
        "CreateApiTokenCreateApiTokenOperationInfo",
    ] = Field(alias="createApiToken", discriminator="typename__")


class CreateApiTokenCreateApiTokenApiTokenCreated(BaseModel):
    typename__: Literal["ApiTokenCreated"] = Field(alias="__typename")
    token: str


class CreateApiTokenCreateApiTokenOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


CreateApiToken.model_rebuild()
