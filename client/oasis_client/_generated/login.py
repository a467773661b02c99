from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    ErrorInfo,
    ErrorInfoMessages,  # noqa: F401
)


class Login(BaseModel):
    login: Union["LoginLoginUser", "LoginLoginOperationInfo"] = Field(
        discriminator="typename__"
    )


class LoginLoginUser(BaseModel):
    typename__: Literal["User"] = Field(alias="__typename")
    username: str


class LoginLoginOperationInfo(ErrorInfo):
    typename__: Literal["OperationInfo"] = Field(alias="__typename")


Login.model_rebuild()
